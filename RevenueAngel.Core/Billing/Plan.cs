namespace RevenueAngel.Core.Billing;

/// A price of a Whop product (`plan_…`): `renewal_price` every `billing_period` days, `initial_price` once.
public sealed class Plan
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public string? ProductId { get; set; }
    public required string Title { get; set; }
    public long RenewalPriceCents { get; set; }
    public long InitialPriceCents { get; set; }
    /// Null for one-time plans.
    public int? BillingPeriodDays { get; set; }
    public string Currency { get; set; } = "usd";

    /// The plan's price over an average month (365.25 / 12 days), in cents; zero for one-time plans.
    public decimal MonthlyPriceCents =>
        BillingPeriodDays is > 0 ? RenewalPriceCents * (365.25m / 12m) / BillingPeriodDays.Value : 0m;
}
