using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Web.Access;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Web.Endpoints;

public static class ClickEndpoints
{
    public static WebApplication MapClickEndpoints(this WebApplication app)
    {
        // GET counts a click; HEAD (link checkers) and known preview fetchers are redirected without counting.
        app.MapMethods("/r/{token}", [HttpMethods.Get, HttpMethods.Head], FollowAsync).WithTags("Attribution").ExcludeFromDescription()
            .RequireRateLimiting(RateLimitPolicies.Clicks);
        app.MapPost("/api/attribution/track-click", TrackAsync).WithTags("Attribution").RequireAuthorization(AccessPolicies.CompanyAdmin)
            .RequireRateLimiting(RateLimitPolicies.Api);
        return app;
    }

    public static async Task<IResult> FollowAsync(string token, HttpRequest request, ClickTracker clicks, CancellationToken ct)
    {
        var count = HttpMethods.IsGet(request.Method) && !ClickTracker.IsBot(request.Headers.UserAgent.ToString());
        return await clicks.FollowAsync(token, count, ct) is { } target
            ? Results.Redirect(target.AbsoluteUri)
            : Results.NotFound();
    }

    /// For clients that track clicks themselves: `?companyId=…&sendId=…` → 204, or 404 for no such delivered send.
    public static async Task<Results<NoContent, NotFound>> TrackAsync(AuthorizedCompany company, long sendId, ClickTracker clicks, CancellationToken ct) =>
        await clicks.TrackAsync(company.Scope, sendId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
