using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Sends delivered in a window, and how many of them were clicked, per playbook and UTC hour: the whole hours
/// from the hourly counts the database keeps, the partial hours at the window's two edges from the sends
/// themselves. Exact, and a few thousand rows to read instead of every send of the period.
internal static class SentCounts
{
    public static async Task<IReadOnlyList<SentSlice>> ReadAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window,
        CancellationToken ct)
    {
        var firstWholeHour = Hours.Ceiling(window.From);
        var endOfWholeHours = Hours.Floor(window.To);
        if (firstWholeHour >= endOfWholeHours) return await FromSendsAsync(db, companyId, window.From, window.To, ct);

        var wholeHours = await db.SendHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours)
            .GroupBy(c => new { c.PlaybookId, c.Hour })
            .Select(g => new SentSlice(g.Key.PlaybookId, g.Key.Hour, g.Sum(c => c.Sent), g.Sum(c => c.Clicked)))
            .ToListAsync(ct);
        return
        [
            .. await FromSendsAsync(db, companyId, window.From, firstWholeHour, ct),
            .. wholeHours,
            .. await FromSendsAsync(db, companyId, endOfWholeHours, window.To, ct),
        ];
    }

    /// One playbook's sends delivered in the window, and how many of them were clicked, per step.
    public static async Task<IReadOnlyDictionary<long, (int Sent, int Clicked)>> ByStepAsync(RevenueAngelDbContext db, string companyId,
        long playbookId, AnalyticsWindow window, CancellationToken ct)
    {
        var (firstWholeHour, endOfWholeHours) = (Hours.Ceiling(window.From), Hours.Floor(window.To));
        var hours = firstWholeHour < endOfWholeHours
            ? await db.SendHourlyCounts
                .Where(c => c.CompanyId == companyId && c.PlaybookId == playbookId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours)
                .GroupBy(c => c.StepId)
                .Select(g => new { StepId = g.Key, Sent = g.Sum(c => c.Sent), Clicked = g.Sum(c => c.Clicked) })
                .ToListAsync(ct)
            : [];
        var edges = db.Sends.Where(s => s.CompanyId == companyId && s.PlaybookId == playbookId);
        edges = firstWholeHour < endOfWholeHours
            ? edges.Where(s => (s.SentAt >= window.From && s.SentAt < firstWholeHour) || (s.SentAt >= endOfWholeHours && s.SentAt < window.To))
            : edges.Where(s => s.SentAt >= window.From && s.SentAt < window.To);
        var fromSends = await edges
            .GroupBy(s => s.StepId)
            .Select(g => new { StepId = g.Key, Sent = g.Count(), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToListAsync(ct);
        return hours.Concat(fromSends)
            .GroupBy(r => r.StepId)
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.Sent), g.Sum(r => r.Clicked)));
    }

    private static async Task<IReadOnlyList<SentSlice>> FromSendsAsync(RevenueAngelDbContext db, string companyId, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct)
    {
        if (from >= to) return [];
        var rows = await db.Sends
            .Where(s => s.CompanyId == companyId && s.SentAt >= from && s.SentAt < to)
            .GroupBy(s => s.PlaybookId)
            .Select(g => new { PlaybookId = g.Key, Sent = g.Count(), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SentSlice(r.PlaybookId, Hours.Floor(from), r.Sent, r.Clicked))];
    }
}

internal sealed record SentSlice(long PlaybookId, DateTimeOffset Hour, int Sent, int Clicked);
