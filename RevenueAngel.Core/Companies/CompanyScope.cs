namespace RevenueAngel.Core.Companies;

/// A company the current user was verified to administer. Only <see cref="CompanyAccessCheck"/> creates one, so a
/// write for a company nobody checked cannot compile: write services take this, never a bare id.
public sealed class CompanyScope
{
    internal CompanyScope(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => Id;
}
