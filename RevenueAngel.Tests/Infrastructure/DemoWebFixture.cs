using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RevenueAngel.Tests.Infrastructure;

/// The demo app on a real Kestrel port for a real browser, and a parent page on another origin that frames it.
public sealed class DemoWebFixture(PostgresServer postgres) : IAsyncLifetime
{
    public RevenueAngelApp App { get; private set; } = null!;
    public ParentPageServer Parent { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Parent = await ParentPageServer.StartAsync();
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("browser"));
        settings["Framing:ExtraAncestors:0"] = Parent.AllowedOrigin;
        App = new RevenueAngelApp(settings);
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("localhost", "127.0.0.1");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Parent.DisposeAsync();
    }
}
