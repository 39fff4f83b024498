using RevenueAngel.Web.Components;
using RevenueAngel.Web.Endpoints;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Web.Extensions;

public static class Pipeline
{
    public static WebApplication UseRevenueAngelPipeline(this WebApplication app)
    {
        app.UseForwardedHeadersFromTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        // Before the limiter: a CORS preflight for lead capture is answered here and costs no capture budget.
        app.UseCors();
        // After authentication, so the partition is the Whop user; before the access check it limits, and before
        // status-code pages, so a 429 keeps its own body.
        app.UseAuthentication();
        app.UseRateLimiter();
        // Friendly pages for people; the API keeps its own status codes and bodies (a re-executed POST would
        // even turn a 404 into an antiforgery 400).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapRevenueAngelEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthEndpoints();
        app.MapAnalyticsEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapSegmentEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapPlaybookEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapAiEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapOfferEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapEmailEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapUnsubscribeEndpoints();
        app.MapLeadAdminEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapLeadCaptureEndpoints();
        app.MapLeadListEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapLeadImportEndpoints().RequireRateLimiting(RateLimitPolicies.Api);
        app.MapWebhookEndpoints();
        app.MapClickEndpoints();
        app.MapRazorComponents<App>()
            // Compression off: a compressed circuit must not be framed cross-origin, and Whop frames us.
            .AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }
}
