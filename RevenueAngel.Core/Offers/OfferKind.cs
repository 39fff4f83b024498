namespace RevenueAngel.Core.Offers;

/// What a save offer gives the member, each executed through Whop's API when accepted.
public enum OfferKind
{
    Pause,
    FreeDays,
    Discount,
    Downgrade,
}
