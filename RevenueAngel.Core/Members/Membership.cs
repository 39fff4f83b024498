namespace RevenueAngel.Core.Members;

/// A member's subscription to one plan, mirrored from Whop (`mem_…`).
public sealed class Membership
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public long MemberId { get; init; }
    public required string PlanId { get; set; }
    public string? ProductId { get; set; }
    public required string Status { get; set; }
    public bool CancelAtPeriodEnd { get; set; }
    public DateTimeOffset? RenewalPeriodEnd { get; set; }
    /// Whop's billing portal for this membership (update the card, cancel), as Whop gives it.
    public string? ManageUrl { get; set; }
    /// The member's reason when they asked to cancel (Whop's `cancel_option`); null when none was given.
    public string? CancelOption { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// Whop's `updated_at`: an older event never overwrites newer state.
    public DateTimeOffset UpdatedAt { get; set; }
}
