using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Web.Security;

/// ASP.NET Core's rate limiter: named policies on the REST API, tracked links, the webhook receiver and lead capture
/// (per IP), and a path-selected global limiter on the pages that check access and on lead capture per key.
public static class RateLimiting
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((options, limits) => Configure(options, limits.Value));
        return builder;
    }

    public static bool IsAccessCheckedPage(PathString path) =>
        path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/experiences");

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.AddPolicy(RateLimitPolicies.Api, context =>
            RateLimitPartition.GetFixedWindowLimiter(RateLimitPartitions.User(context), _ => PerMinute(limits.ApiPerUserPerMinute)));
        options.AddPolicy(RateLimitPolicies.Clicks, context =>
            RateLimitPartition.GetFixedWindowLimiter(RateLimitPartitions.Ip(context), _ => PerMinute(limits.ClicksPerIpPerMinute)));
        options.AddPolicy(RateLimitPolicies.Webhooks, context =>
            RateLimitPartition.GetFixedWindowLimiter(RateLimitPartitions.Ip(context), _ => PerMinute(limits.WebhooksPerIpPerMinute)));
        options.AddPolicy(RateLimitPolicies.LeadCapture, context =>
            RateLimitPartition.GetFixedWindowLimiter($"capture:{RateLimitPartitions.Ip(context)}", _ => PerMinute(limits.CapturesPerIpPerMinute)));
        // Razor component pages are one endpoint source with the circuit's own endpoints, so pages go by path.
        var pages = PartitionedRateLimiter.Create<HttpContext, string>(context => IsAccessCheckedPage(context.Request.Path)
            ? RateLimitPartition.GetFixedWindowLimiter($"page:{RateLimitPartitions.User(context)}", _ => PerMinute(limits.PagesPerUserPerMinute))
            : RateLimitPartition.GetNoLimiter(""));
        var captureKeys = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartitions.CaptureKey(context) is { } key
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(limits.CapturesPerKeyPerMinute))
            : RateLimitPartition.GetNoLimiter(""));
        // One bound for the whole process, not per sender: it protects memory and the connection pool.
        var webhookLoad = PartitionedRateLimiter.Create<HttpContext, string>(context => IsWebhookReceiver(context.Request)
            ? RateLimitPartition.GetConcurrencyLimiter("webhook-load", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.WebhookConcurrency, QueueLimit = limits.WebhookQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter(""));
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(pages, captureKeys, webhookLoad);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (rejected, ct) => RejectAsync(rejected.HttpContext, rejected.Lease, limits, ct);
    }

    public static bool IsWebhookReceiver(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/webhooks/whop", StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, RateLimitOptions limits, CancellationToken ct)
    {
        // Windows say when they reopen; only the webhook load bound (a concurrency limiter) does not: that is overload, 503.
        if (!lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = limits.WebhookRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem($"Too busy; try again in {limits.WebhookRetryAfterSeconds} seconds.", title: "Service busy",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
            return;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many requests; try again in {seconds} seconds.";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(detail, title: "Too many requests", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(detail, ct);
    }
}
