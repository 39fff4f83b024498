using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// A conversion with what refunds and lost disputes took back already subtracted, and the send it is credited to.
/// A pending or lost save keeps nothing, nor does a save whose confirming payment is a conversion of its own (a
/// recovery): that money counts once, there.
internal sealed class NetConversion
{
    public long Id { get; init; }
    public ConversionType Type { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long? SendId { get; init; }
    public long? PlaybookId { get; init; }
    public long? StepId { get; init; }
    /// When the credited send went out.
    public DateTimeOffset? SentAt { get; init; }
    public ConversionState State { get; init; }
    public RecoverySource? RecoveredBy { get; init; }
    /// What the payment was, before refunds and whatever the state.
    public long RevenueCents { get; init; }
    /// What refunds and lost disputes took back (zero or negative).
    public long AdjustedCents { get; init; }
    /// A save confirmed by a payment that is a conversion of its own: its money counts there, not here.
    public bool CountedElsewhere { get; init; }
    public long NetCents { get; init; }

    /// Every conversion of the company when <paramref name="window"/> is null.
    public static IQueryable<NetConversion> Of(RevenueAngelDbContext db, string companyId, AnalyticsWindow? window)
    {
        var company = db.Conversions.Where(c => c.CompanyId == companyId);
        if (window is not null) company = company.Where(c => c.CreatedAt >= window.From && c.CreatedAt < window.To);
        // The refunds are on the row already (AdjustedCents); the overlap is looked up by key for the few saves
        // confirmed by a payment, not joined for every conversion.
        return from c in company
               let countedElsewhere = c.ConfirmedByPaymentId != null && db.Conversions.Any(o => o.WhopPaymentId == c.ConfirmedByPaymentId)
               select new NetConversion
               {
                   Id = c.Id,
                   Type = c.Type,
                   Currency = c.Currency,
                   CreatedAt = c.CreatedAt,
                   SendId = c.AttributedSendId,
                   PlaybookId = c.AttributedPlaybookId,
                   StepId = c.AttributedStepId,
                   SentAt = c.AttributedSentAt,
                   State = c.State,
                   RecoveredBy = c.RecoveredBy,
                   RevenueCents = c.RevenueCents,
                   AdjustedCents = c.AdjustedCents,
                   CountedElsewhere = countedElsewhere,
                   NetCents = c.State != ConversionState.Confirmed || countedElsewhere ? 0 : c.RevenueCents + c.AdjustedCents,
               };
    }
}
