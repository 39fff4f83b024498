using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Demo.ModelFake;

namespace RevenueAngel.Tests.Infrastructure;

/// The seeded demo Core with an AI model configured: the fake OpenAI-compatible model on its own port, which tests script.
public sealed class DemoCoreWithModelFixture(PostgresServer postgres) : IAsyncLifetime
{
    public CoreHost Core { get; private set; } = null!;
    public FakeModelServer ModelServer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ModelServer = await FakeModelServer.StartAsync();
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("democoremodel"));
        settings["AI:ApiKey"] = "test-key";
        settings["AI:BaseUrl"] = ModelServer.BaseUrl;
        settings["AI:RetryAttempts"] = "0";
        settings["AI:TimeoutSeconds"] = "120";
        Core = await CoreHost.StartAsync(settings, new FakeTimeProvider(DemoCoreFixture.Today));
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        await ModelServer.DisposeAsync();
    }
}
