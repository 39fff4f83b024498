namespace RevenueAngel.Demo.WhopFake;

/// The fake Whop on its own loopback port: tests point the real client at it over real HTTP.
public sealed class FakeWhopServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeWhopServer(WebApplication app, FakeWhopStore store)
    {
        _app = app;
        Store = store;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    public FakeWhopStore Store { get; }
    public string BaseUrl { get; }
    public string ApiBaseUrl => $"{BaseUrl}/api/v1";
    public string JwksUrl => $"{BaseUrl}/.well-known/jwks.json";

    public static async Task<FakeWhopServer> StartAsync(FakeWhopStore? store = null)
    {
        store ??= new FakeWhopStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFakeWhop(store);
        var app = builder.Build();
        app.MapFakeWhop();
        await app.StartAsync();
        return new FakeWhopServer(app, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Store.Dispose();
    }
}

public static class FakeWhopServices
{
    public static IServiceCollection AddFakeWhop(this IServiceCollection services, FakeWhopStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton<FakeWebhookSender>();
        services.AddHttpClient(nameof(FakeWebhookSender));
        return services;
    }
}
