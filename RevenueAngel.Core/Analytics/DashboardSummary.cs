using RevenueAngel.Core.Billing;

namespace RevenueAngel.Core.Analytics;

/// The headline numbers of one company over the last <see cref="Days"/> days. Money is per currency.
public sealed record DashboardSummary(
    string CompanyName,
    bool IsDemo,
    int Days,
    int Members,
    int ActiveMemberships,
    IReadOnlyList<Money> MonthlyRecurringRevenue,
    IReadOnlyList<Money> Revenue,
    int FailedPayments,
    int RecoveredPayments)
{
    /// Share of the period's failed payments that were paid later, or null with no failures.
    public double? RecoveryRate => FailedPayments == 0 ? null : (double)RecoveredPayments / FailedPayments;

    /// What the playbooks earned and did in the same window, each figure with the previous window's.
    public AnalyticsOverview? Analytics { get; init; }

    public IReadOnlyList<RecentConversion>? RecentConversions { get; init; }
}
