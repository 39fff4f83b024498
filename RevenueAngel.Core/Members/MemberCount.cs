namespace RevenueAngel.Core.Members;

/// How many members a company has. Written only by database triggers on `members` (see the CompanyMemberCounts
/// migration), so every writer keeps it exact in its own transaction and the dashboard does not count a large
/// community's members on every load.
public sealed class MemberCount
{
    public required string CompanyId { get; init; }
    public int Members { get; init; }
}
