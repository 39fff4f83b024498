using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

/// The app's PostgreSQL sessions run without JIT compilation (it cost the 90-day dashboard more than it saved) and
/// prepare the statements they repeat (the webhook drain's inserts), unless the operator's connection string says otherwise.
public sealed class ConnectionSettingsTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAppsPostgresSessionsRunWithoutJit()
    {
        await using var db = hosts[BothProvidersFixture.Postgres].CreateDbContext();

        var jit = await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync(Ct);

        Assert.Equal("off", jit);
    }

    [Fact]
    public async Task AStatementTheAppRepeatsOnAConnectionIsPreparedThere()
    {
        await using var db = hosts[BothProvidersFixture.Postgres].CreateDbContext();
        await db.Database.OpenConnectionAsync(Ct);
        const string marker = "ra_prepared_probe";
        for (var i = 0; i < 3; i++)
            await db.Database.SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM companies WHERE id = {{0}} /* {marker} */", "biz_none").SingleAsync(Ct);

        var prepared = await db.Database.SqlQueryRaw<int>(
            $"SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%/* {marker} */%' AND statement NOT LIKE '%pg_prepared_statements%'")
            .SingleAsync(Ct);

        Assert.Equal(1, prepared);
    }

    [Theory]
    [InlineData("Host=db;Username=ra", "-c jit=off")]
    [InlineData("Host=db;Username=ra;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Username=ra;Options=-c jit=on", "-c jit=on")]
    public void JitIsSwitchedOffUnlessTheConnectionStringDecides(string configured, string options)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ProviderOptionsExtensions.WithSessionDefaults(configured));

        Assert.Equal(options, builder.Options);
        Assert.Equal(("db", "ra"), (builder.Host, builder.Username));
    }

    [Theory]
    [InlineData("Host=db;Username=ra", ProviderOptionsExtensions.MaxAutoPrepare, 2)]
    [InlineData("Host=db;Username=ra;Max Auto Prepare=0", 0, 5)]
    [InlineData("Host=db;Username=ra;maxautoprepare=20;Auto Prepare Min Usages=3", 20, 3)]
    public void StatementsArePreparedAutomaticallyUnlessTheConnectionStringDecides(string configured, int maxAutoPrepare, int minUsages)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ProviderOptionsExtensions.WithSessionDefaults(configured));

        Assert.Equal((maxAutoPrepare, minUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
    }

    [Fact]
    public void TheDefaultsAreAppliedOnce()
    {
        var once = ProviderOptionsExtensions.WithSessionDefaults("Host=db;Username=ra");

        Assert.Equal(once, ProviderOptionsExtensions.WithSessionDefaults(once));
    }
}
