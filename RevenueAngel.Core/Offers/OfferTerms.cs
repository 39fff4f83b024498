namespace RevenueAngel.Core.Offers;

/// What an offer gives: <paramref name="Days"/> for a pause or free days, <paramref name="Percent"/> off for a
/// discount, <paramref name="PlanId"/> (a cheaper plan of the same company) for a downgrade.
public sealed record OfferTerms(OfferKind Kind, int? Days = null, int? Percent = null, string? PlanId = null)
{
    public const int MaxDays = 365;

    /// A step's stored offer: one number that is days or percent by kind.
    public static OfferTerms Of(OfferKind kind, int? value, string? planId) => kind switch
    {
        OfferKind.Pause or OfferKind.FreeDays => new(kind, Days: value),
        OfferKind.Discount => new(kind, Percent: value),
        _ => new(kind, PlanId: planId),
    };

    /// The one number a step stores.
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Value => Kind switch
    {
        OfferKind.Pause or OfferKind.FreeDays => Days,
        OfferKind.Discount => Percent,
        _ => null,
    };

    /// Why these terms cannot be offered, or null when they can.
    public string? Problem() => Kind switch
    {
        OfferKind.Pause or OfferKind.FreeDays when Days is not (>= 1 and <= MaxDays) => $"A {Kind} offer needs 1 to {MaxDays} days.",
        OfferKind.Discount when Percent is not (>= 1 and <= 100) => "A discount needs 1 to 100 percent off.",
        OfferKind.Downgrade when string.IsNullOrWhiteSpace(PlanId) => "A downgrade needs the plan to move to.",
        _ => null,
    };
}

/// The step send an offer came from; all null for an offer made outside a playbook.
public sealed record OfferOrigin(long? PlaybookId = null, long? StepId = null, long? EnrollmentId = null, long? SendId = null);

/// A new offer and its token: the only time the token exists outside the member's link.
public sealed record CreatedOffer(long Id, string Token);
