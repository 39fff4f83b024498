namespace RevenueAngel.Core.Analytics;

/// Everything the revenue dashboard shows, loaded in one call for the page.
public sealed class RevenueDashboard(DashboardQueries summaries, AnalyticsQueries analytics, ConversionFeed feed, SetupProgress setup,
    Experiments.ExperimentReport experiments, TimeProvider time)
{
    /// Null when the company is unknown.
    public async Task<RevenueDashboardData?> LoadAsync(string companyId, int days, CancellationToken ct = default)
    {
        var window = AnalyticsWindow.LastDays(days, time.GetUtcNow());
        // Independent reads on connections of their own: the page waits for the slowest, not for their sum.
        var summary = summaries.GetSummaryAsync(companyId, window, ct);
        var overview = analytics.GetOverviewAsync(companyId, window, ct);
        var recent = feed.RecentAsync(companyId, ct: ct);
        var checklist = setup.ForCompanyAsync(companyId, ct);
        var incremental = experiments.IncrementalRevenueAsync(companyId, window.From, window.To, ct);
        await Task.WhenAll(summary, overview, recent, checklist, incremental);
        return summary.Result is null || overview.Result is null ? null
            : new RevenueDashboardData(summary.Result, overview.Result, recent.Result, checklist.Result, incremental.Result);
    }
}

/// <param name="Incremental">Revenue the playbooks added beyond their holdout groups, for enrolments that entered in the period.</param>
public sealed record RevenueDashboardData(DashboardSummary Summary, AnalyticsOverview Overview, IReadOnlyList<RecentConversion> Recent,
    SetupChecklist Checklist, Experiments.IncrementalRevenue Incremental);
