using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

/// The app's PostgreSQL sessions run without JIT compilation (it cost the 90-day dashboard more than it saved), and
/// those of the repeating work (ingest, drain, dispatch) prepare the statements they repeat, unless the operator's
/// connection string says otherwise.
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
    public async Task TheRepeatingWorksConnectionsPrepareWhatTheyRepeatAndThePagesConnectionsDoNot()
    {
        var host = hosts[BothProvidersFixture.Postgres];
        await using var repeating = await host.Get<RepeatingWorkContexts>().CreateDbContextAsync(Ct);
        await using var ordinary = host.CreateDbContext();

        Assert.Equal((1, "off"), await RunThreeTimesAsync(repeating, "ra_probe_repeating"));
        Assert.Equal((0, "off"), await RunThreeTimesAsync(ordinary, "ra_probe_ordinary"));
    }

    /// How many prepared statements of this connection hold the marked query after it ran three times, and its jit setting.
    private static async Task<(int Prepared, string Jit)> RunThreeTimesAsync(RevenueAngelDbContext db, string marker)
    {
        await db.Database.OpenConnectionAsync(Ct);
        var probe = "SELECT count(*)::int AS \"Value\" FROM companies WHERE id = {0} /* " + marker + " */";
        for (var i = 0; i < 3; i++) await db.Database.SqlQueryRaw<int>(probe, "biz_none").SingleAsync(Ct);
        var prepared = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE strpos(statement, {0}) > 0 AND strpos(statement, 'pg_prepared_statements') = 0",
            $"/* {marker} */").SingleAsync(Ct);
        return (prepared, await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync(Ct));
    }

    [Theory]
    [InlineData("Host=db;Username=ra", "-c jit=off")]
    [InlineData("Host=db;Username=ra;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Username=ra;Options=-c jit=on", "-c jit=on")]
    public void JitIsSwitchedOffUnlessTheConnectionStringDecides(string configured, string options)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ProviderOptionsExtensions.WithoutJit(configured));

        Assert.Equal(options, builder.Options);
        Assert.Equal(("db", "ra"), (builder.Host, builder.Username));
    }

    [Theory]
    [InlineData("Host=db;Username=ra", ProviderOptionsExtensions.MaxAutoPrepare, 2)]
    [InlineData("Host=db;Username=ra;Max Auto Prepare=0", 0, 5)]
    [InlineData("Host=db;Username=ra;maxautoprepare=20;Auto Prepare Min Usages=3", 20, 3)]
    public void RepeatedStatementsArePreparedUnlessTheConnectionStringDecides(string configured, int maxAutoPrepare, int minUsages)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ProviderOptionsExtensions.WithRepeatedStatementsPrepared(configured));

        Assert.Equal((maxAutoPrepare, minUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
        Assert.Equal(("db", "ra"), (builder.Host, builder.Username));
    }
}
