using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Tests.Infrastructure;

/// A non-demo app on a fresh PostgreSQL database, emptied before each test that asks.
public sealed class ProductionAppFixture(PostgresServer postgres) : IAsyncLifetime
{
    private DatabaseResetter? _resetter;

    public RevenueAngelApp App { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("app");
        App = new RevenueAngelApp(TestSettings.Production(ConnectionString));
        App.StartServer();
        await using var db = App.CreateDbContext();
        _resetter = await DatabaseResetter.CreateAsync(ConnectionString, db);
    }

    public Task ResetAsync() => _resetter!.ResetAsync();

    public RevenueAngelDbContext CreateDbContext() => App.CreateDbContext();

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(nameof(ProductionAppCollection))]
public sealed class ProductionAppCollection : ICollectionFixture<ProductionAppFixture>;
