using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Demo.WhopFake;

/// In demo mode (only ever without Whop settings) the app talks to the fake Whop it serves itself at /_whop-fake, through
/// the same WhopClient it uses against Whop, so the demo exercises the real client code.
public static class DemoWhop
{
    public const string Prefix = "/_whop-fake";
    public const string AppId = "app_revenueangel_demo";

    public static WebApplicationBuilder AddDemoWhop(this WebApplicationBuilder builder)
    {
        var demo = new DemoMode(Options.Create(builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new()),
            builder.Configuration, builder.Environment);
        // With Whop settings present the start is refused (DemoOptionsValidator); never point them at the fake meanwhile.
        if (!demo.IsEnabled || demo.WhopSettings.Count > 0) return builder;

        builder.Services.AddOptions<DemoWhopOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoWhopOptions>() ?? new();
        // A key and a secret made per process: the fake answers only this app, even though its routes are public.
        var self = SelfUrl(builder.Configuration);
        var store = new FakeWhopStore
        {
            ApiKey = $"demo_{Guid.NewGuid():N}", WebhookUrl = new Uri($"{self}/api/webhooks/whop"),
            WebhookSecret = string.IsNullOrWhiteSpace(options.WebhookSecret) ? RandomSecret() : options.WebhookSecret,
        };
        store.Requests.Limit = options.RequestLogLimit;
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
        if (app.Services.GetService<FakeWhopStore>() is null) return app;
        app.MapFakeWhop(Prefix);
        app.MapFakeWebhookRelay(Prefix);
        return app;
    }

    private static string RandomSecret() => $"ws_demo_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}";

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
