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
        if (firstWholeHour >= endOfWholeHours) return await EdgesAsync(db, companyId, window.From, window.To, window.To, window.To, ct);

        var counted = await db.ConversionHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours && c.Conversions != 0)
            .ToListAsync(ct);
        var countedElsewhere = await NetConversion.Of(db, companyId, new AnalyticsWindow(firstWholeHour, endOfWholeHours))
            .Where(c => c.State == ConversionState.Confirmed && c.CountedElsewhere)
            .Select(c => new { c.CreatedAt, c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy, Cents = c.RevenueCents + c.AdjustedCents })
            .ToListAsync(ct);
        return
        [
            .. await EdgesAsync(db, companyId, window.From, firstWholeHour, endOfWholeHours, window.To, ct),
            .. counted.Select(c => new ConversionSlice(c.Hour, c.Type, c.PlaybookId == 0 ? null : c.PlaybookId, c.Currency, c.State,
                c.RecoveredBy == "" ? null : StoredEnum<RecoverySource>.Parse(c.RecoveredBy), c.Conversions, c.RevenueCents, c.NetCents)),
            .. countedElsewhere.Select(c => new ConversionSlice(Hours.Floor(c.CreatedAt), c.Type, c.PlaybookId, c.Currency, c.State,
                c.RecoveredBy, Count: 0, RevenueCents: 0, NetCents: -c.Cents)),
        ];
    }

    /// The conversions of [earlyFrom, earlyTo) and [lateFrom, lateTo), the partial hours at a window's edges (or a window
    /// inside one hour, with the late range empty), in one statement.
    private static async Task<IReadOnlyList<ConversionSlice>> EdgesAsync(RevenueAngelDbContext db, string companyId,
        DateTimeOffset earlyFrom, DateTimeOffset earlyTo, DateTimeOffset lateFrom, DateTimeOffset lateTo, CancellationToken ct)
    {
        if (earlyFrom >= earlyTo && lateFrom >= lateTo) return [];
        var rows = await NetConversion.Of(db, companyId, window: null)
            .Where(c => (c.CreatedAt >= earlyFrom && c.CreatedAt < earlyTo) || (c.CreatedAt >= lateFrom && c.CreatedAt < lateTo))
            .GroupBy(c => new { c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy, Late = c.CreatedAt >= lateFrom })
            .Select(g => new { g.Key.Type, g.Key.PlaybookId, g.Key.Currency, g.Key.State, g.Key.RecoveredBy, g.Key.Late,
                Count = g.Count(), Revenue = g.Sum(c => c.RevenueCents), Net = g.Sum(c => c.NetCents) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ConversionSlice(r.Late ? lateFrom : Hours.Floor(earlyFrom), r.Type, r.PlaybookId, r.Currency,
            r.State, r.RecoveredBy, r.Count, r.Revenue, r.Net))];
    }
}

/// <param name="PlaybookId">The credited playbook, null when no send is credited.</param>
/// <param name="RevenueCents">What the conversions' payments were; <paramref name="NetCents"/> what NetConversion keeps of it.</param>
internal sealed record ConversionSlice(DateTimeOffset Hour, ConversionType Type, long? PlaybookId, string Currency, ConversionState State,
    RecoverySource? RecoveredBy, int Count, long RevenueCents, long NetCents);
