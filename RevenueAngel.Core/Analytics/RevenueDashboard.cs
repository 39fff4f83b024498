namespace RevenueAngel.Core.Analytics;

/// Everything the revenue dashboard shows, loaded in one call for the page.
public sealed class RevenueDashboard(DashboardQueries summaries, AnalyticsQueries analytics, ConversionFeed feed, SetupProgress setup,
    Experiments.ExperimentReport experiments, TimeProvider time)
{
    /// Null when the company is unknown.
    public async Task<RevenueDashboardData?> LoadAsync(string companyId, int days, CancellationToken ct = default)
    {
        var window = AnalyticsWindow.LastDays(days, time.GetUtcNow());
        if (await summaries.GetSummaryAsync(companyId, window, ct) is not { } summary) return null;
        return new RevenueDashboardData(summary, (await analytics.GetOverviewAsync(companyId, window, ct))!,
            await feed.RecentAsync(companyId, ct: ct), await setup.ForCompanyAsync(companyId, ct),
            await experiments.IncrementalRevenueAsync(companyId, window.From, window.To, ct));
    }
}

/// <param name="Incremental">Revenue the playbooks added beyond their holdout groups, for enrolments that entered in the period.</param>
public sealed record RevenueDashboardData(DashboardSummary Summary, AnalyticsOverview Overview, IReadOnlyList<RecentConversion> Recent,
    SetupChecklist Checklist, Experiments.IncrementalRevenue Incremental);
