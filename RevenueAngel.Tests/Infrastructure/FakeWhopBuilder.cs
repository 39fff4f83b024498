using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Infrastructure;

/// Fills the fake Whop with one company's catalogue and members under fresh ids.
public sealed class FakeWhopBuilder(FakeWhopStore store)
{
    public static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    public string CompanyId { get; } = $"biz_{Guid.NewGuid():N}"[..18];
    public string ProductId => $"prod_{CompanyId}";
    public string BasicPlanId => $"plan_basic_{CompanyId}";
    public string ProPlanId => $"plan_pro_{CompanyId}";

    public FakeWhopBuilder WithCatalog(bool installed = true)
    {
        store.Companies[CompanyId] = new FakeCompany(CompanyId, "Acme Traders") { Installed = installed };
        store.Products[ProductId] = new FakeProduct(ProductId, CompanyId, "Acme Pro", "acme-pro");
        store.Plans[BasicPlanId] = new FakePlan(BasicPlanId, CompanyId, ProductId, "Basic", 19.99m, 30);
        store.Plans[ProPlanId] = new FakePlan(ProPlanId, CompanyId, ProductId, "Pro", 49.99m, 30);
        return this;
    }

    public FakeMembership AddMember(int index, string status = "active", string? planId = null)
    {
        var userId = $"user_{CompanyId}_{index:D4}";
        store.Users[userId] = new FakeUser(userId, $"member{index}", $"Member {index}", $"member{index}@example.com");
        var membership = new FakeMembership
        {
            Id = $"mem_{CompanyId}_{index:D4}", CompanyId = CompanyId, UserId = userId, MemberId = $"mber_{CompanyId}_{index:D4}",
            PlanId = planId ?? BasicPlanId, ProductId = ProductId, Status = status,
            RenewalPeriodStart = Start, RenewalPeriodEnd = Start.AddDays(30), CreatedAt = Start.AddDays(-index), UpdatedAt = Start,
        };
        store.Memberships[membership.Id] = membership;
        return membership;
    }

    public FakePayment AddPayment(FakeMembership membership, decimal total, string status = "paid", string substatus = "succeeded")
    {
        var payment = new FakePayment
        {
            Id = $"pay_{Guid.NewGuid():N}"[..18], CompanyId = CompanyId, MembershipId = membership.Id, UserId = membership.UserId,
            PlanId = membership.PlanId, Status = status, Substatus = substatus, Total = total,
            PaidAt = status == "paid" ? Start : null, CreatedAt = Start, UpdatedAt = Start,
        };
        store.Payments[payment.Id] = payment;
        return payment;
    }
}
