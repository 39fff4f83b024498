namespace RevenueAngel.Core.Members;

/// How many of a company's memberships are on one plan in one status. Written only by database triggers on
/// `memberships` (see the CompanyMemberCounts migration), like MemberCount.
public sealed class MembershipCount
{
    public required string CompanyId { get; init; }
    public required string PlanId { get; init; }
    public required string Status { get; init; }
    public int Memberships { get; init; }
}
