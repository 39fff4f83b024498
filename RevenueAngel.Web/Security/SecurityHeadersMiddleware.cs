using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Options;
using RevenueAngel.Web.Framing;

namespace RevenueAngel.Web.Security;

/// The security headers of every response: CSP (with Whop and configured origins as frame ancestors),
/// nosniff, a referrer policy, and no-store for everything but fingerprinted static assets.
/// WebSocket compression is off (see Pipeline), so Blazor sets no frame-ancestors policy of its own.
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<FramingOptions> framing)
{
    private readonly ContentSecurityPolicy _policy = new(framing.Value.FrameAncestorsPolicy);

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = CspNonce.Create(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy.For(nonce);
            headers.XContentTypeOptions = "nosniff";
            // A tracked link's target must not learn the link (its token) from the Referer.
            headers["Referrer-Policy"] = context.Request.Path.StartsWithSegments("/r") ? "no-referrer" : "strict-origin-when-cross-origin";
            // Pages and API answers carry company data; static assets keep the caching MapStaticAssets gave them.
            if (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null) headers.CacheControl = "no-store";
            headers.Remove("X-Frame-Options");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
