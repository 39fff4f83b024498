using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Components.Playbooks;

public sealed record PlanOption(string Id, string Label);

/// The company's plans for the editor's pickers (rule values and the goal plan).
public sealed class CompanyPlans(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async Task<IReadOnlyList<PlanOption>> ListAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plans = await db.Plans.Where(p => p.CompanyId == companyId).OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, p.RenewalPriceCents, p.Currency }).ToListAsync(ct);
        return [.. plans.Select(p => new PlanOption(p.Id, $"{p.Title} · {new Money(p.RenewalPriceCents, p.Currency)}"))];
    }
}
