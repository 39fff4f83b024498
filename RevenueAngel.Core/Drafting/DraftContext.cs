using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Drafting;

/// What the model knows about the community: only our own data, never a member's.
public sealed record DraftContext(string CommunityName, int ActiveMembers, IReadOnlyList<DraftContext.PlanFact> Plans, string? GoalPlan, string? BrandVoice)
{
    public sealed record PlanFact(string Id, string Name, string Price);

    public static async Task<DraftContext> LoadAsync(RevenueAngelDbContext db, string companyId, string? goalPlanId, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.Name, c.BrandVoice }).SingleAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.CompanyId == companyId).OrderBy(p => p.RenewalPriceCents).ThenBy(p => p.Id)
            .Take(20).ToListAsync(ct);
        var active = await db.Memberships.Where(m => m.CompanyId == companyId && MembershipStatuses.Live.Contains(m.Status))
            .Select(m => m.MemberId).Distinct().CountAsync(ct);
        var facts = plans.Select(p => new PlanFact(p.Id, p.Title, Price(p))).ToList();
        return new DraftContext(company.Name, active, facts, facts.FirstOrDefault(f => f.Id == goalPlanId)?.Name, company.BrandVoice);
    }

    private static string Price(Plan plan)
    {
        var cents = plan.RenewalPriceCents > 0 ? plan.RenewalPriceCents : plan.InitialPriceCents;
        if (cents == 0) return "free";
        var money = new Money(cents, plan.Currency).ToString();
        return plan.BillingPeriodDays is { } days ? $"{money} every {days.ToString(CultureInfo.InvariantCulture)} days" : $"{money} once";
    }
}
