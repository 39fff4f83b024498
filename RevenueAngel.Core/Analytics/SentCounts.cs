using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Sends delivered in a window, and how many of them were clicked, per playbook, step and UTC hour: the whole hours
/// from the hourly counts the database keeps, the partial hours at the window's two edges from the sends
/// themselves. Exact, and a few thousand rows to read instead of every send of the period.
internal static class SentCounts
{
    /// Every playbook's sends, or with <paramref name="playbookId"/> that playbook's only.
    public static async Task<IReadOnlyList<SentSlice>> ReadAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window,
        CancellationToken ct, long? playbookId = null)
    {
        var firstWholeHour = Hours.Ceiling(window.From);
        var endOfWholeHours = Hours.Floor(window.To);
        if (firstWholeHour >= endOfWholeHours) return await EdgesAsync(db, companyId, playbookId, window.From, window.To, window.To, window.To, ct);

        var wholeHours = await db.SendHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours
                        && (playbookId == null || c.PlaybookId == playbookId))
            .GroupBy(c => new { c.PlaybookId, c.StepId, c.Hour })
            .Select(g => new SentSlice(g.Key.PlaybookId, g.Key.StepId, g.Key.Hour, g.Sum(c => c.Sent), g.Sum(c => c.Clicked)))
            .ToListAsync(ct);
        return [.. await EdgesAsync(db, companyId, playbookId, window.From, firstWholeHour, endOfWholeHours, window.To, ct), .. wholeHours];
    }

    /// The sends of [earlyFrom, earlyTo) and [lateFrom, lateTo), the partial hours at a window's edges (or a window inside
    /// one hour, with the late range empty), in one statement.
    private static async Task<IReadOnlyList<SentSlice>> EdgesAsync(RevenueAngelDbContext db, string companyId, long? playbookId,
        DateTimeOffset earlyFrom, DateTimeOffset earlyTo, DateTimeOffset lateFrom, DateTimeOffset lateTo, CancellationToken ct)
    {
        if (earlyFrom >= earlyTo && lateFrom >= lateTo) return [];
        var rows = await db.Sends
            .Where(s => s.CompanyId == companyId && (playbookId == null || s.PlaybookId == playbookId)
                        && ((s.SentAt >= earlyFrom && s.SentAt < earlyTo) || (s.SentAt >= lateFrom && s.SentAt < lateTo)))
            .GroupBy(s => new { s.PlaybookId, s.StepId, Late = s.SentAt >= lateFrom })
            .Select(g => new { g.Key.PlaybookId, g.Key.StepId, g.Key.Late, Sent = g.Count(), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SentSlice(r.PlaybookId, r.StepId, r.Late ? lateFrom : Hours.Floor(earlyFrom), r.Sent, r.Clicked))];
    }
}

internal sealed record SentSlice(long PlaybookId, long StepId, DateTimeOffset Hour, int Sent, int Clicked);
