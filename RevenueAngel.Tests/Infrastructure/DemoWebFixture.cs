namespace RevenueAngel.Tests.Infrastructure;

/// The demo app on a real Kestrel port for a real browser, and a parent page on another origin that frames it.
public class DemoWebFixture(PostgresServer postgres) : IAsyncLifetime
{
    public RevenueAngelApp App { get; private set; } = null!;
    public ParentPageServer Parent { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Parent = await ParentPageServer.StartAsync();
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("browser"));
        settings["Framing:ExtraAncestors:0"] = Parent.AllowedOrigin;
        // A known port, announced as the app's URL: the demo's WhopClient calls the fake Whop the app serves itself.
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        settings["urls"] = BaseUrl;
        Configure(settings);
        App = new RevenueAngelApp(settings);
        App.UseKestrel(port);
        App.StartServer();
    }

    /// More configuration for a fixture of its own, once BaseUrl is known.
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Parent.DisposeAsync();
    }
}
