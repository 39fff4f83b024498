using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// Core on its own PostgreSQL database and the fake Whop over real HTTP, for rendering the offer page with bUnit.
public sealed class OfferPageFixture(PostgresServer postgres) : IAsyncLifetime
{
    public FakeWhopServer Whop { get; private set; } = null!;
    public CoreHost Core { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    public OfferWorld World => new(Whop.Store, Core.Services, Time);

    public async ValueTask InitializeAsync()
    {
        Whop = await FakeWhopServer.StartAsync();
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("offerpage"));
        settings["Whop:ApiBaseUrl"] = Whop.ApiBaseUrl;
        settings["Whop:JwksUrl"] = Whop.JwksUrl;
        settings["Whop:ApiKey"] = Whop.Store.ApiKey;
        settings["Whop:AppId"] = WhopAppFixture.AppId;
        Core = await CoreHost.StartAsync(settings, Time);
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        await Whop.DisposeAsync();
    }
}
