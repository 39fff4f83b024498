using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analytics").WithTags("Analytics");
        group.MapGet("/dashboard", GetDashboardAsync).RequireCompanyAdmin();
        return group;
    }

    /// The dashboard's headline numbers for the last `days` days (7, 30 or 90).
    public static async Task<Results<Ok<DashboardSummary>, NotFound, ProblemHttpResult>> GetDashboardAsync(
        string companyId, DashboardQueries queries, CancellationToken ct, int days = 30)
    {
        if (!DashboardQueries.Periods.Contains(days))
            return TypedResults.Problem($"days must be one of {string.Join(", ", DashboardQueries.Periods)}.", statusCode: StatusCodes.Status400BadRequest);
        return await queries.GetSummaryAsync(companyId, days, ct) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound();
    }
}
