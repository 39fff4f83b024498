using RevenueAngel.Core.Whop;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Infrastructure;

/// The fake Whop on a real port, and Core's real WhopClient (with its whole HTTP pipeline) pointed at it.
public sealed class WhopFakeFixture : IAsyncLifetime
{
    public const string AppId = "app_revenueangel_test";

    public FakeWhopServer Whop { get; private set; } = null!;
    public CoreHost Core { get; private set; } = null!;
    public WhopClient Client => Core.Get<WhopClient>();

    public async ValueTask InitializeAsync()
    {
        Whop = await FakeWhopServer.StartAsync();
        var settings = TestSettings.Production(null);
        settings["Whop:ApiBaseUrl"] = Whop.ApiBaseUrl;
        settings["Whop:JwksUrl"] = Whop.JwksUrl;
        settings["Whop:ApiKey"] = Whop.Store.ApiKey;
        settings["Whop:AppId"] = AppId;
        Core = await CoreHost.StartSqliteAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        await Whop.DisposeAsync();
    }
}
