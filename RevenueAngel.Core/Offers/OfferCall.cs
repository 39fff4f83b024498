namespace RevenueAngel.Core.Offers;

/// One call to Whop an offer made, and how it went: the offer's own audit trail.
public sealed class OfferCall
{
    public long Id { get; init; }
    public long OfferId { get; init; }
    /// `get_membership`, `uncancel`, `pause`, `resume`, `add_free_days`, `create_promo_code`, `create_checkout_configuration`.
    public required string Operation { get; init; }
    /// The Whop object called (membership, plan or company id).
    public required string TargetId { get; init; }
    public bool Succeeded { get; init; }
    /// Whop's HTTP status, when it answered.
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset At { get; init; }
}
