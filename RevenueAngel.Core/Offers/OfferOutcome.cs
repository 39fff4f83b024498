namespace RevenueAngel.Core.Offers;

/// What an accept or decline did, for the member's page to say.
public enum OfferOutcome
{
    /// This request executed it.
    Accepted,
    /// Accepted earlier (another click, another tab): nothing was done again.
    AlreadyAccepted,
    Declined,
    AlreadyDeclined,
    Expired,
    /// The member accepted another offer within the cooldown.
    Cooldown,
    /// Whop refused a call; the offer is `failed` with its reason.
    Failed,
    /// Another request is still executing it (it took longer than we wait).
    InProgress,
    NotFound,
}

public sealed record OfferResult(OfferOutcome Outcome, OfferView? Offer);
