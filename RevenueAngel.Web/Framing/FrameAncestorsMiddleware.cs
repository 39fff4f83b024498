using Microsoft.Extensions.Options;

namespace RevenueAngel.Web.Framing;

/// Lets Whop (and configured origins) frame every page. WebSocket compression is off (see WebServices), so
/// Blazor sets no policy of its own and this header is the only one.
internal sealed class FrameAncestorsMiddleware(RequestDelegate next, IOptions<FramingOptions> options)
{
    private readonly string _policy = $"frame-ancestors {options.Value.FrameAncestorsPolicy}";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.ContentSecurityPolicy = _policy;
            context.Response.Headers.Remove("X-Frame-Options");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
