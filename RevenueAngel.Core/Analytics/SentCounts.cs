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
        if (firstWholeHour >= endOfWholeHours) return await FromSendsAsync(db, companyId, playbookId, window.From, window.To, ct);

        var wholeHours = await db.SendHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours
                        && (playbookId == null || c.PlaybookId == playbookId))
            .GroupBy(c => new { c.PlaybookId, c.StepId, c.Hour })
            .Select(g => new SentSlice(g.Key.PlaybookId, g.Key.StepId, g.Key.Hour, g.Sum(c => c.Sent), g.Sum(c => c.Clicked)))
            .ToListAsync(ct);
        return [.. await EdgesAsync(db, companyId, playbookId, window, firstWholeHour, endOfWholeHours, ct), .. wholeHours];
    }

    /// The partial hours before the first whole hour and after the last, in one statement.
    private static async Task<IReadOnlyList<SentSlice>> EdgesAsync(RevenueAngelDbContext db, string companyId, long? playbookId,
        AnalyticsWindow window, DateTimeOffset firstWholeHour, DateTimeOffset endOfWholeHours, CancellationToken ct)
    {
        if (window.From == firstWholeHour && endOfWholeHours == window.To) return [];
        var rows = await db.Sends
            .Where(s => s.CompanyId == companyId && (playbookId == null || s.PlaybookId == playbookId)
                        && ((s.SentAt >= window.From && s.SentAt < firstWholeHour) || (s.SentAt >= endOfWholeHours && s.SentAt < window.To)))
            .GroupBy(s => new { s.PlaybookId, s.StepId, Late = s.SentAt >= endOfWholeHours })
            .Select(g => new { g.Key.PlaybookId, g.Key.StepId, g.Key.Late, Sent = g.Count(), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SentSlice(r.PlaybookId, r.StepId, r.Late ? endOfWholeHours : Hours.Floor(window.From), r.Sent, r.Clicked))];
    }

    private static async Task<IReadOnlyList<SentSlice>> FromSendsAsync(RevenueAngelDbContext db, string companyId, long? playbookId,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (from >= to) return [];
        var rows = await db.Sends
            .Where(s => s.CompanyId == companyId && s.SentAt >= from && s.SentAt < to && (playbookId == null || s.PlaybookId == playbookId))
            .GroupBy(s => new { s.PlaybookId, s.StepId })
            .Select(g => new { g.Key.PlaybookId, g.Key.StepId, Sent = g.Count(), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SentSlice(r.PlaybookId, r.StepId, Hours.Floor(from), r.Sent, r.Clicked))];
    }
}

internal sealed record SentSlice(long PlaybookId, long StepId, DateTimeOffset Hour, int Sent, int Clicked);
