namespace RevenueAngel.Core.Companies;

/// The answer of an admin check: a scope only when allowed.
public sealed record CompanyAccessResult(AccessDecision Decision, CompanyScope? Scope)
{
    public static CompanyAccessResult Denied(AccessDecision decision) => new(decision, null);
}
