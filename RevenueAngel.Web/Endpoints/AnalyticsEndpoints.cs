using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analytics").WithTags("Analytics").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapGet("/dashboard", GetDashboardAsync);
        group.MapGet("/playbook/{id:long}", GetPlaybookAsync);
        group.MapGet("/export/conversions.csv", ExportConversions);
        group.MapGet("/export/sends.csv", ExportSends);
        return group;
    }

    /// The dashboard's numbers for the last `days` days (7, 30 or 90) or the dates `from`–`to`, with what the playbooks
    /// earned, each figure next to the previous period's, the daily series and the newest conversions.
    public static async Task<Results<Ok<DashboardSummary>, NotFound, ProblemHttpResult>> GetDashboardAsync(
        AuthorizedCompany company, DashboardQueries dashboard, AnalyticsQueries analytics, ConversionFeed feed, TimeProvider time,
        CancellationToken ct, int? days = null, string? from = null, string? to = null)
    {
        var (window, problem) = AnalyticsPeriod.Resolve(days, from, to, time.GetUtcNow());
        if (window is null) return BadRequest(problem!);
        if (await dashboard.GetSummaryAsync(company.Id, window, ct) is not { } summary) return TypedResults.NotFound();
        return TypedResults.Ok(summary with
        {
            Analytics = await analytics.GetOverviewAsync(company.Id, window, ct),
            RecentConversions = await feed.RecentAsync(company.Id, ct: ct),
        });
    }

    /// A playbook's report with its experiments: the holdout and each step's A/B arms with their verdicts.
    public sealed record PlaybookAnalytics(string Currency, AnalyticsWindow Window, PlaybookPerformance Totals, IReadOnlyList<StepFunnel> Steps,
        Core.Experiments.PlaybookExperiments? Experiments);

    /// One playbook's sends, clicks, conversions and revenue with its step funnel and experiment results; 404 for
    /// another company's playbook.
    public static async Task<Results<Ok<PlaybookAnalytics>, NotFound, ProblemHttpResult>> GetPlaybookAsync(
        AuthorizedCompany company, long id, AnalyticsQueries analytics, Core.Experiments.ExperimentReport experiments, TimeProvider time, CancellationToken ct,
        int? days = null, string? from = null, string? to = null)
    {
        var (window, problem) = AnalyticsPeriod.Resolve(days, from, to, time.GetUtcNow());
        if (window is null) return BadRequest(problem!);
        if (await analytics.GetPlaybookAsync(company.Id, id, window, ct) is not { } report) return TypedResults.NotFound();
        return TypedResults.Ok(new PlaybookAnalytics(report.Currency, report.Window, report.Totals, report.Steps,
            await experiments.GetAsync(company.Id, id, ct)));
    }

    public static Results<CsvStreamResult<ConversionExportRow>, ProblemHttpResult> ExportConversions(
        AuthorizedCompany company, AnalyticsExport export, TimeProvider time, CancellationToken ct, int? days = null, string? from = null, string? to = null)
    {
        var (window, problem) = AnalyticsPeriod.Resolve(days, from, to, time.GetUtcNow());
        if (window is null) return BadRequest(problem!);
        return new CsvStreamResult<ConversionExportRow>(export.ConversionsAsync(company.Id, window, ct), $"conversions-{company.Id}.csv",
            ExportColumns.Conversions, ExportColumns.WriteConversion);
    }

    public static Results<CsvStreamResult<SendExportRow>, ProblemHttpResult> ExportSends(
        AuthorizedCompany company, AnalyticsExport export, TimeProvider time, CancellationToken ct, int? days = null, string? from = null, string? to = null)
    {
        var (window, problem) = AnalyticsPeriod.Resolve(days, from, to, time.GetUtcNow());
        if (window is null) return BadRequest(problem!);
        return new CsvStreamResult<SendExportRow>(export.SendsAsync(company.Id, window, ct), $"sends-{company.Id}.csv",
            ExportColumns.Sends, ExportColumns.WriteSend);
    }

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
