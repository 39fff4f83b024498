namespace RevenueAngel.Core.Members;

/// A Whop user known to one company (customer, past customer or free member).
public sealed class Member
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public required string WhopUserId { get; init; }
    public string? WhopMemberId { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Username { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
