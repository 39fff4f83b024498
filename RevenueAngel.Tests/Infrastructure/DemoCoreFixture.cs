using Microsoft.Extensions.Time.Testing;

namespace RevenueAngel.Tests.Infrastructure;

/// Core with the demo company seeded on its own PostgreSQL database, at a fixed clock.
public sealed class DemoCoreFixture(PostgresServer postgres) : IAsyncLifetime
{
    public static readonly DateTimeOffset Today = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    public CoreHost Core { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Core = await CoreHost.StartAsync(TestSettings.Demo(await postgres.CreateDatabaseAsync("democore")), new FakeTimeProvider(Today));

    public async ValueTask DisposeAsync() => await Core.DisposeAsync();
}
