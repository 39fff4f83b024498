using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Web.Security;

/// Forwarded headers from trusted proxies (so HSTS, the scheme and per-IP limits see the real client), rate
/// limits and security headers.
public static class HttpHardening
{
    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Read(configuration.GetSection(TrustedProxyOptions.SectionName)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (127.0.0.0/8 and ::1) stay: loopback is a sidecar or the host's own proxy.
            foreach (var proxy in trusted.Value.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.AddRateLimits();
        return builder;
    }

    /// First in the pipeline: everything after sees the client's address and scheme.
    public static WebApplication UseForwardedHeadersFromTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
