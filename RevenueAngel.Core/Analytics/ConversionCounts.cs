using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// A window's conversions as NetConversion counts them, per UTC hour, type, credited playbook, currency, state and
/// recovery source: the whole hours from the hourly counts the database keeps, the partial hours at the window's two
/// edges from the conversions themselves. The hourly counts keep every confirmed conversion's net; the few saves
/// whose confirming payment is a conversion of its own (that money counts once, there) are found by a partial index
/// and taken out here, so the rule stays in one place and holds whichever of the two rows came first.
internal static class ConversionCounts
{
    public static async Task<IReadOnlyList<ConversionSlice>> ReadAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window,
        CancellationToken ct)
    {
        var (firstWholeHour, endOfWholeHours) = (Hours.Ceiling(window.From), Hours.Floor(window.To));
        if (firstWholeHour >= endOfWholeHours) return await FromConversionsAsync(db, companyId, window.From, window.To, ct);

        var counted = await db.ConversionHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours && c.Conversions != 0)
            .ToListAsync(ct);
        var overlapping = await db.Conversions
            .Where(c => c.CompanyId == companyId && c.CreatedAt >= firstWholeHour && c.CreatedAt < endOfWholeHours
                        && c.ConfirmedByPaymentId != null && c.State == ConversionState.Confirmed
                        && db.Conversions.Any(o => o.WhopPaymentId == c.ConfirmedByPaymentId))
            .Select(c => new { c.CreatedAt, c.Type, c.AttributedPlaybookId, c.Currency, c.State, c.RecoveredBy, Cents = c.RevenueCents + c.AdjustedCents })
            .ToListAsync(ct);
        return
        [
            .. await EdgesAsync(db, companyId, window, firstWholeHour, endOfWholeHours, ct),
            .. counted.Select(c => new ConversionSlice(c.Hour, c.Type, c.PlaybookId == 0 ? null : c.PlaybookId, c.Currency, c.State,
                c.RecoveredBy == "" ? null : StoredEnum<RecoverySource>.Parse(c.RecoveredBy), c.Conversions, c.RevenueCents, c.NetCents)),
            .. overlapping.Select(c => new ConversionSlice(Hours.Floor(c.CreatedAt), c.Type, c.AttributedPlaybookId, c.Currency, c.State,
                c.RecoveredBy, Count: 0, RevenueCents: 0, NetCents: -c.Cents)),
        ];
    }

    /// The partial hours before the first whole hour and after the last, in one statement.
    private static async Task<IReadOnlyList<ConversionSlice>> EdgesAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window,
        DateTimeOffset firstWholeHour, DateTimeOffset endOfWholeHours, CancellationToken ct)
    {
        if (window.From == firstWholeHour && endOfWholeHours == window.To) return [];
        var rows = await NetConversion.Of(db, companyId, window: null)
            .Where(c => (c.CreatedAt >= window.From && c.CreatedAt < firstWholeHour) || (c.CreatedAt >= endOfWholeHours && c.CreatedAt < window.To))
            .GroupBy(c => new { c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy, Late = c.CreatedAt >= endOfWholeHours })
            .Select(g => new { g.Key.Type, g.Key.PlaybookId, g.Key.Currency, g.Key.State, g.Key.RecoveredBy, g.Key.Late,
                Count = g.Count(), Revenue = g.Sum(c => c.RevenueCents), Net = g.Sum(c => c.NetCents) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ConversionSlice(r.Late ? endOfWholeHours : Hours.Floor(window.From), r.Type, r.PlaybookId, r.Currency,
            r.State, r.RecoveredBy, r.Count, r.Revenue, r.Net))];
    }

    private static async Task<IReadOnlyList<ConversionSlice>> FromConversionsAsync(RevenueAngelDbContext db, string companyId,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (from >= to) return [];
        var hour = Hours.Floor(from);
        var rows = await NetConversion.Of(db, companyId, new AnalyticsWindow(from, to))
            .GroupBy(c => new { c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy })
            .Select(g => new { g.Key.Type, g.Key.PlaybookId, g.Key.Currency, g.Key.State, g.Key.RecoveredBy,
                Count = g.Count(), Revenue = g.Sum(c => c.RevenueCents), Net = g.Sum(c => c.NetCents) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ConversionSlice(hour, r.Type, r.PlaybookId, r.Currency, r.State, r.RecoveredBy, r.Count, r.Revenue, r.Net))];
    }
}

/// <param name="PlaybookId">The credited playbook, null when no send is credited.</param>
/// <param name="RevenueCents">What the conversions' payments were; <paramref name="NetCents"/> what NetConversion keeps of it.</param>
internal sealed record ConversionSlice(DateTimeOffset Hour, ConversionType Type, long? PlaybookId, string Currency, ConversionState State,
    RecoverySource? RecoveredBy, int Count, long RevenueCents, long NetCents);
