using RevenueAngel.Core.Offers;

namespace RevenueAngel.Core.Analytics;

/// One kind of save offer over the window: how many were made and accepted, and what their saves became.
public sealed record OfferKindSaves(OfferKind Kind, int Offered, int Accepted, int SavesPending, int SavesConfirmed, int SavesLost,
    long SavesConfirmedCents)
{
    /// Accepted per offer made; null when none was made.
    public double? AcceptanceRate => Offered == 0 ? null : (double)Accepted / Offered;
}
