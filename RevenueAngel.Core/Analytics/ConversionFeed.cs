using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// The newest conversions with who paid and which message they are credited to.
public sealed class ConversionFeed(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async Task<IReadOnlyList<RecentConversion>> RecentAsync(string companyId, int count = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var newest = db.Conversions.Where(c => c.CompanyId == companyId).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(count);
        var rows = await (from c in newest
                          join m in db.Members on c.MemberId equals m.Id into members
                          from m in members.DefaultIfEmpty()
                          join p in db.Playbooks on c.AttributedPlaybookId equals (long?)p.Id into playbooks
                          from p in playbooks.DefaultIfEmpty()
                          join st in db.PlaybookSteps on c.AttributedStepId equals (long?)st.Id into steps
                          from st in steps.DefaultIfEmpty()
                          select new
                          {
                              c.Id, c.Type, c.Currency, c.AttributionMethod, c.CreatedAt, c.State,
                              Member = m == null ? null : m.Name ?? m.Username ?? m.WhopUserId,
                              Net = c.RevenueCents + c.AdjustedCents,
                              Playbook = p == null ? null : p.Name,
                              Step = st == null ? (int?)null : st.Position,
                          })
            .ToListAsync(ct);
        return [.. rows
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new RecentConversion(r.Id, r.Member ?? "Unknown member", r.Type, r.Net, r.Currency, r.Playbook, r.Step,
                r.AttributionMethod, r.CreatedAt, r.State))];
    }
}
