namespace RevenueAngel.Core.Offers;

/// offered → accepting → accepted | failed; offered → declined | expired. `accepting` is held by the one request
/// whose conditional update won, while it calls Whop: every other click sees it and waits for the outcome.
public enum OfferStatus
{
    Offered,
    Accepting,
    Accepted,
    Declined,
    Expired,
    Failed,
}
