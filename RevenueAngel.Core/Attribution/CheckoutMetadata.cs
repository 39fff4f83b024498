namespace RevenueAngel.Core.Attribution;

/// The metadata our checkout links carry; Whop copies it onto the payment, which names the send exactly.
public static class CheckoutMetadata
{
    public const string SendKey = "ra_send";
    public const string PlaybookKey = "ra_playbook";
    /// A save offer's checkout (a downgrade): the offer it executes.
    public const string OfferKey = "ra_offer";
}
