using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.WhopFake;

/// In demo mode without (complete) Whop settings, the app talks to the fake Whop it serves itself at /_whop-fake, through
/// the same WhopClient it uses against Whop, so the demo exercises the real client code.
public static class DemoWhop
{
    public const string Prefix = "/_whop-fake";
    public const string AppId = "app_revenueangel_demo";

    public static WebApplicationBuilder AddDemoWhop(this WebApplicationBuilder builder)
    {
        var demo = new DemoMode(Options.Create(builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new()),
            builder.Configuration, builder.Environment);
        if (!demo.IsEnabled || demo.WhopConfigured) return builder;

        // A key made per process: the fake answers only this app, even though its routes are public.
        var self = SelfUrl(builder.Configuration);
        var demoOptions = builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new();
        var store = new FakeWhopStore
        {
            ApiKey = $"demo_{Guid.NewGuid():N}", WebhookUrl = new Uri($"{self}/api/webhooks/whop"), WebhookSecret = demoOptions.WebhookSecret,
        };
        builder.Services.AddFakeWhop(store);
        builder.Services.PostConfigure<WhopOptions>(o =>
        {
            o.ApiBaseUrl = $"{self}{Prefix}/api/v1";
            o.JwksUrl = $"{self}{Prefix}/.well-known/jwks.json";
            o.ApiKey = store.ApiKey;
            o.AppId = AppId;
            o.WebhookSecrets = [store.WebhookSecret];
        });
        builder.Services.PostConfigure<Core.Messaging.MessagingOptions>(o => o.PublicBaseUrl ??= self);
        builder.Services.AddHostedService<DemoWhopMirror>();
        return builder;
    }

    public static WebApplication MapDemoWhop(this WebApplication app)
    {
        if (app.Services.GetService<FakeWhopStore>() is not null) app.MapFakeWhop(Prefix);
        return app;
    }

    /// Where this process can reach itself: the first of ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS, else Kestrel's default.
    internal static string SelfUrl(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            var uri = new Uri(urls.Split(';')[0].Replace("://*", "://localhost").Replace("://+", "://localhost")
                .Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost"));
            return $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        }
        var port = configuration["http_ports"]?.Split(';')[0] is { Length: > 0 } p ? p : "5000";
        return $"http://localhost:{port}";
    }
}
