using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Demo.WhopFake;

/// Fills the demo's fake Whop with the demo company as the database holds it (after seeding), and makes
/// everyone an admin of it, so a sync from the fake finds exactly what the demo shows.
internal sealed class DemoWhopMirror(FakeWhopStore store, IDbContextFactory<RevenueAngelDbContext> contexts, IOptions<DemoOptions> demo)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var companyId = demo.Value.CompanyId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null) return;

        store.Companies[companyId] = new FakeCompany(companyId, company.Name);
        var plans = await db.Plans.AsNoTracking().Where(p => p.CompanyId == companyId).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            var productId = plan.ProductId ?? $"prod_{companyId}";
            store.Products.TryAdd(productId, new FakeProduct(productId, companyId, company.Name, companyId));
            store.Plans[plan.Id] = new FakePlan(plan.Id, companyId, productId, plan.Title, plan.RenewalPriceCents / 100m,
                plan.BillingPeriodDays ?? 0, plan.InitialPriceCents / 100m, plan.Currency, plan.BillingPeriodDays is null ? "one_time" : "renewal");
        }
        store.Experiences[$"exp_{companyId}"] = new FakeExperience($"exp_{companyId}", companyId, DemoWhop.AppId, "RevenueAngel", plans.FirstOrDefault()?.ProductId ?? "");

        var members = await db.Members.AsNoTracking().Where(m => m.CompanyId == companyId).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var member in members.Values)
            store.Users[member.WhopUserId] = new FakeUser(member.WhopUserId, member.Username ?? member.WhopUserId, member.Name ?? "", member.Email);

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.CompanyId == companyId).ToListAsync(cancellationToken);
        foreach (var m in memberships)
        {
            var member = members[m.MemberId];
            store.Memberships[m.Id] = new FakeMembership
            {
                Id = m.Id, CompanyId = companyId, UserId = member.WhopUserId, MemberId = member.WhopMemberId ?? $"mber_{member.Id}",
                PlanId = m.PlanId, ProductId = m.ProductId ?? "", Status = m.Status, CancelAtPeriodEnd = m.CancelAtPeriodEnd,
                RenewalPeriodStart = m.RenewalPeriodEnd?.AddDays(-30) ?? m.CreatedAt, RenewalPeriodEnd = m.RenewalPeriodEnd ?? m.CreatedAt,
                CreatedAt = m.CreatedAt, UpdatedAt = m.UpdatedAt,
            };
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.CompanyId == companyId && p.MembershipId != null).ToListAsync(cancellationToken);
        foreach (var p in payments.Where(p => store.Memberships.ContainsKey(p.MembershipId!)))
        {
            store.Payments[p.Id] = new FakePayment
            {
                Id = p.Id, CompanyId = companyId, MembershipId = p.MembershipId!, UserId = store.Memberships[p.MembershipId!].UserId,
                PlanId = p.PlanId ?? "", Status = p.Status, Substatus = p.Substatus ?? "", BillingReason = p.BillingReason ?? "subscription_cycle",
                Total = p.TotalCents / 100m, Currency = p.Currency, FailureMessage = p.FailureMessage,
                NextPaymentAttempt = p.NextPaymentAttempt, PaidAt = p.PaidAt, CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt,
            };
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
