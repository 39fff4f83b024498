namespace RevenueAngel.Demo.ModelFake;

public static class FakeModelEndpoints
{
    /// The demo serves it at /demo-ai/v1: AI__BaseUrl=http://localhost:5000/demo-ai/v1 with any AI__ApiKey.
    public const string DemoPrefix = "/demo-ai/v1";

    public static IEndpointRouteBuilder MapFakeModel(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapPost($"{prefix}/chat/completions", (HttpRequest request, FakeChatModel model, CancellationToken ct) => model.CompleteAsync(request, ct))
            .DisableAntiforgery();
        return app;
    }
}

/// The fake model on its own loopback port, for tests.
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeModelServer(WebApplication app, FakeChatModel model)
    {
        _app = app;
        Model = model;
        BaseUrl = app.Urls.First().TrimEnd('/') + "/v1";
    }

    public FakeChatModel Model { get; }

    /// What AI:BaseUrl is set to.
    public string BaseUrl { get; }

    public static async Task<FakeModelServer> StartAsync()
    {
        var model = new FakeChatModel();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(model);
        var app = builder.Build();
        app.MapFakeModel("/v1");
        await app.StartAsync();
        return new FakeModelServer(app, model);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
