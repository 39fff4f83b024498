using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RevenueAngel.Web.Endpoints;

public static class HealthEndpoints
{
    /// 200 "Healthy" when the database answers, 503 "Unhealthy" when it does not.
    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions()).DisableHttpMetrics();
}
