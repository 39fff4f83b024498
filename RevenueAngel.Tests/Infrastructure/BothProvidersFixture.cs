namespace RevenueAngel.Tests.Infrastructure;

/// Core on an empty PostgreSQL database and on an empty embedded SQLite file, side by side.
public sealed class BothProvidersFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const string Postgres = "postgres";
    public const string Sqlite = "sqlite";
    public static TheoryData<string> Providers => [Postgres, Sqlite];

    private readonly Dictionary<string, CoreHost> _hosts = [];

    public CoreHost this[string provider] => _hosts[provider];

    public async ValueTask InitializeAsync()
    {
        _hosts[Postgres] = await CoreHost.StartAsync(TestSettings.Production(await postgres.CreateDatabaseAsync("providers")));
        _hosts[Sqlite] = await CoreHost.StartSqliteAsync(TestSettings.Production(null));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values) await host.DisposeAsync();
    }
}
