using RevenueAngel.Core.Billing;

namespace RevenueAngel.Demo;

/// The demo company's plans.
internal static class DemoCatalog
{
    public const string ProductId = "prod_demo_community";

    public static Plan[] Plans(string companyId) =>
    [
        new() { Id = "plan_demo_basic", CompanyId = companyId, ProductId = ProductId, Title = "Basic", RenewalPriceCents = 19_00, InitialPriceCents = 0, BillingPeriodDays = 30 },
        new() { Id = "plan_demo_pro", CompanyId = companyId, ProductId = ProductId, Title = "Pro", RenewalPriceCents = 49_00, InitialPriceCents = 0, BillingPeriodDays = 30 },
        new() { Id = "plan_demo_elite", CompanyId = companyId, ProductId = ProductId, Title = "Elite (yearly)", RenewalPriceCents = 399_00, InitialPriceCents = 0, BillingPeriodDays = 365 },
    ];
}
