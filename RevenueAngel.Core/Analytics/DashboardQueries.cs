using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

public sealed class DashboardQueries(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90];

    private static readonly string[] ActiveStatuses =
        [MembershipStatuses.Active, MembershipStatuses.Trialing, MembershipStatuses.Canceling];

    private static readonly string[] PayingStatuses = [.. MembershipStatuses.Paying];

    /// Null when the company is unknown (the app is not installed there).
    public Task<DashboardSummary?> GetSummaryAsync(string companyId, int days, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return GetSummaryAsync(companyId, AnalyticsWindow.LastDays(days, time.GetUtcNow()), ct);
    }

    public async Task<DashboardSummary?> GetSummaryAsync(string companyId, AnalyticsWindow window, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (since, until) = (window.From, window.To);
        var companyPayments = db.Payments.Where(p => p.CompanyId == companyId);
        // One round trip for the company and its counts; members are counted by the database as they are written (MemberCount).
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId)
            .Select(c => new
            {
                c.Name,
                c.IsDemo,
                Members = db.MemberCounts.Where(m => m.CompanyId == companyId).Select(m => m.Members).FirstOrDefault(),
                Failed = companyPayments.Count(p => p.FailedAt >= since && p.FailedAt < until),
                Recovered = companyPayments.Count(p => p.FailedAt >= since && p.FailedAt < until && p.PaidAt != null),
            })
            .SingleOrDefaultAsync(ct);
        if (company is null) return null;
        // Per plan and status, kept by the database as memberships are written (MembershipCount): a few rows a company.
        var memberships = await db.MembershipCounts.AsNoTracking().Where(c => c.CompanyId == companyId && c.Memberships != 0).ToListAsync(ct);

        var paid = await companyPayments
            .Where(p => p.PaidAt >= since && p.PaidAt < until)
            .GroupBy(p => p.Currency)
            .Select(g => new Money(g.Sum(p => p.TotalCents), g.Key))
            .ToListAsync(ct);
        // Refunds and lost disputes in the period take their money back out.
        var returned = await db.RevenueAdjustments
            .Where(a => a.CompanyId == companyId && a.UpdatedAt >= since && a.UpdatedAt < until)
            .GroupBy(a => a.Currency)
            .Select(g => new Money(g.Sum(a => a.AmountCents), g.Key))
            .ToListAsync(ct);
        var revenue = paid.Concat(returned).GroupBy(m => m.Currency).Select(g => new Money(g.Sum(m => m.Cents), g.Key)).ToList();

        return new DashboardSummary(company.Name, company.IsDemo, window.Days, company.Members,
            memberships.Where(c => ActiveStatuses.Contains(c.Status)).Sum(c => c.Memberships), await MonthlyRecurringRevenueAsync(db, companyId, memberships, ct),
            [.. revenue.OrderByDescending(m => m.Cents)], company.Failed, company.Recovered);
    }

    // Counted per plan from the membership counts, priced in memory: a company has a handful of plans, and decimal
    // normalisation to a month then gives the same cents on PostgreSQL and SQLite.
    private static async Task<IReadOnlyList<Money>> MonthlyRecurringRevenueAsync(
        RevenueAngelDbContext db, string companyId, IReadOnlyList<MembershipCount> memberships, CancellationToken ct)
    {
        var payingByPlan = memberships
            .Where(c => PayingStatuses.Contains(c.Status))
            .GroupBy(c => c.PlanId)
            .Select(g => new { PlanId = g.Key, Count = g.Sum(c => c.Memberships) })
            .ToList();
        var plans = await db.Plans.Where(p => p.CompanyId == companyId).ToDictionaryAsync(p => p.Id, ct);

        return payingByPlan
            .Where(p => plans.ContainsKey(p.PlanId))
            .Select(p => (Plan: plans[p.PlanId], p.Count))
            .GroupBy(p => p.Plan.Currency)
            .Select(g => new Money((long)decimal.Round(g.Sum(p => p.Plan.MonthlyPriceCents * p.Count)), g.Key))
            .OrderByDescending(m => m.Cents)
            .ToList();
    }
}
