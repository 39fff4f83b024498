using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// Per step, the sends due or sent in the window and how far they got. A send belongs to the window by when it
/// went out, or when it is due if it never did.
internal static class StepFunnels
{
    public static async Task<IReadOnlyList<StepFunnel>> ReadAsync(RevenueAngelDbContext db, string companyId, string currency,
        long playbookId, AnalyticsWindow window, CancellationToken ct)
    {
        var cohort = db.Sends.Where(s => s.CompanyId == companyId && s.PlaybookId == playbookId
            && (s.SentAt ?? s.ScheduledFor) >= window.From && (s.SentAt ?? s.ScheduledFor) < window.To);
        var sends = await cohort
            .GroupBy(s => s.StepId)
            .Select(g => new { StepId = g.Key, Scheduled = g.Count(), Sent = g.Count(s => s.SentAt != null), Clicked = g.Count(s => s.ClickedAt != null) })
            .ToDictionaryAsync(s => s.StepId, ct);
        // Conversions of any date credited to the cohort's sends: the funnel follows its messages to the end.
        var conversions = await NetConversion.Of(db, companyId, window: null)
            .Where(c => cohort.Any(s => s.Id == c.SendId))
            .GroupBy(c => c.StepId)
            .Select(g => new { StepId = g.Key, Count = g.Count(), Cents = g.Sum(c => c.Currency == currency ? c.NetCents : 0) })
            .ToDictionaryAsync(c => c.StepId!.Value, ct);
        var steps = await (from st in db.PlaybookSteps
                           where st.PlaybookId == playbookId
                           join t in db.MessageTemplates on st.TemplateId equals t.Id into templates
                           from t in templates.DefaultIfEmpty()
                           orderby st.Position, st.Id
                           // The step as the creator wrote it, not one member's copy of it: the funnel is everyone's.
                           select new { st.Id, st.Position, st.Archived, Title = t == null ? null : t.Title })
            .ToListAsync(ct);

        return [.. steps
            .Where(st => !st.Archived || sends.ContainsKey(st.Id))
            .Select(st =>
            {
                var s = sends.GetValueOrDefault(st.Id);
                var c = conversions.GetValueOrDefault(st.Id);
                return new StepFunnel(st.Id, st.Position, st.Title, st.Archived, s?.Scheduled ?? 0, s?.Sent ?? 0, s?.Clicked ?? 0,
                    c?.Count ?? 0, c?.Cents ?? 0);
            })];
    }
}
