using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// One company's conversions or sends in a window, read row by row so an export never holds them all in memory.
public sealed class AnalyticsExport(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async IAsyncEnumerable<ConversionExportRow> ConversionsAsync(string companyId, AnalyticsWindow window,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = from c in db.Conversions.AsNoTracking()
                   where c.CompanyId == companyId && c.CreatedAt >= window.From && c.CreatedAt < window.To
                   orderby c.Id
                   join m in db.Members on c.MemberId equals m.Id into members
                   from m in members.DefaultIfEmpty()
                   join p in db.Playbooks on c.AttributedPlaybookId equals (long?)p.Id into playbooks
                   from p in playbooks.DefaultIfEmpty()
                   join st in db.PlaybookSteps on c.AttributedStepId equals (long?)st.Id into steps
                   from st in steps.DefaultIfEmpty()
                   let adjustment = c.AdjustedCents
                   select new ConversionExportRow(c.Id, c.CreatedAt, c.WhopPaymentId, m == null ? null : m.WhopUserId, m == null ? null : m.Name,
                       c.Type, c.RevenueCents, adjustment, c.RevenueCents + adjustment, c.Currency, c.AttributionMethod, c.AttributionWindowDays,
                       c.AttributedSendId, p == null ? null : p.Name, st == null ? null : st.Position, c.State, c.RecoveredBy);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }

    /// Sends that went out, or are due, in the window.
    public async IAsyncEnumerable<SendExportRow> SendsAsync(string companyId, AnalyticsWindow window,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = from s in db.Sends.AsNoTracking()
                   where s.CompanyId == companyId && (s.SentAt ?? s.ScheduledFor) >= window.From && (s.SentAt ?? s.ScheduledFor) < window.To
                   orderby s.Id
                   join p in db.Playbooks on s.PlaybookId equals p.Id
                   join st in db.PlaybookSteps on s.StepId equals st.Id
                   select new SendExportRow(s.Id, p.Name, st.Position, s.EnrollmentId, s.Status, s.ScheduledFor, s.SentAt, s.ClickedAt,
                       s.ClickCount, s.Variant, s.Title, s.Channel);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct)) yield return row;
    }
}
