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
        var unsent = await db.Sends
            .Where(s => s.CompanyId == companyId && s.PlaybookId == playbookId && s.SentAt == null
                        && s.ScheduledFor >= window.From && s.ScheduledFor < window.To)
            .GroupBy(s => s.StepId)
            .Select(g => new { StepId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(s => s.StepId, s => s.Count, ct);
        // Conversions of any date credited to the window's sends (only a send that went out is credited): the funnel
        // follows its messages to the end. Read as the playbook's credited conversions, then which of their sends went
        // out in the window, looked up by key: joined in the database, the planner would hash the period's sends.
        var credited = await NetConversion.Of(db, companyId, window: null)
            .Where(c => c.PlaybookId == playbookId && c.SendId != null && c.StepId != null)
            .Select(c => new { SendId = c.SendId!.Value, StepId = c.StepId!.Value, InCurrency = c.Currency == currency, c.NetCents })
            .ToListAsync(ct);
        var sendIds = credited.Select(c => c.SendId).Distinct().ToList();
        var sentInWindow = (await db.Sends
            .Where(s => sendIds.Contains(s.Id) && s.SentAt >= window.From && s.SentAt < window.To)
            .Select(s => s.Id)
            .ToListAsync(ct)).ToHashSet();
        var conversions = credited.Where(c => sentInWindow.Contains(c.SendId))
            .GroupBy(c => c.StepId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Cents: g.Sum(c => c.InCurrency ? c.NetCents : 0)));
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
