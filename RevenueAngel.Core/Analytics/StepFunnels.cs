using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Per step, the sends due or sent in the window and how far they got. A send belongs to the window by when it
/// went out (counted from the hourly counts), or when it is due if it never did.
internal static class StepFunnels
{
    public static async Task<IReadOnlyList<StepFunnel>> ReadAsync(RevenueAngelDbContext db, string companyId, string currency,
        long playbookId, AnalyticsWindow window, CancellationToken ct)
    {
        var sent = (await SentCounts.ReadAsync(db, companyId, window, ct, playbookId))
            .GroupBy(s => s.StepId)
            .ToDictionary(g => g.Key, g => (Sent: g.Sum(s => s.Sent), Clicked: g.Sum(s => s.Clicked)));
        // The company is checked once on its playbook, not on every send, so the unsent index answers this alone
        // (sends.company_id is not in it: 20 → 5 ms for 15,000 unsent sends in 90 days).
        var unsent = await db.Sends
            .Where(s => s.PlaybookId == playbookId && s.SentAt == null && s.ScheduledFor >= window.From && s.ScheduledFor < window.To
                        && db.Playbooks.Any(p => p.Id == playbookId && p.CompanyId == companyId))
            .GroupBy(s => s.StepId)
            .Select(g => new { StepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(s => s.StepId, s => s.Count, ct);
        // Conversions of any date credited to the window's sends (only a send that went out is credited): the funnel
        // follows its messages to the end. Each conversion carries its send's sent-at, indexed per playbook.
        var conversions = (await NetConversion.Of(db, companyId, window: null)
            .Where(c => c.PlaybookId == playbookId && c.SentAt >= window.From && c.SentAt < window.To && c.StepId != null)
            .GroupBy(c => new { StepId = c.StepId!.Value, InCurrency = c.Currency == currency })
            .Select(g => new { g.Key.StepId, g.Key.InCurrency, Count = g.Count(), Cents = g.Sum(c => c.NetCents) })
            .ToListAsync(ct))
            .GroupBy(c => c.StepId)
            .ToDictionary(g => g.Key, g => (Count: g.Sum(c => c.Count), Cents: g.Where(c => c.InCurrency).Sum(c => c.Cents)));
        var steps = await (from st in db.PlaybookSteps
                           where st.PlaybookId == playbookId
                           join t in db.MessageTemplates on st.TemplateId equals t.Id into templates
                           from t in templates.DefaultIfEmpty()
                           orderby st.Position, st.Id
                           // The step as the creator wrote it, not one member's copy of it: the funnel is everyone's.
                           select new { st.Id, st.Position, st.Archived, Title = t == null ? null : t.Title })
            .ToListAsync(ct);

        return [.. steps
            .Where(st => !st.Archived || sent.ContainsKey(st.Id) || unsent.ContainsKey(st.Id))
            .Select(st =>
            {
                var (delivered, clicked) = sent.GetValueOrDefault(st.Id);
                var (converted, cents) = conversions.GetValueOrDefault(st.Id);
                return new StepFunnel(st.Id, st.Position, st.Title, st.Archived, delivered + unsent.GetValueOrDefault(st.Id), delivered, clicked,
                    converted, cents);
            })];
    }
}
