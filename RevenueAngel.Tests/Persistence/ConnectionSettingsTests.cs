using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

/// The app's PostgreSQL sessions run without JIT compilation (it cost the 90-day dashboard more than it saved),
/// unless the operator's connection string says otherwise.
public sealed class ConnectionSettingsTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    [Fact]
    public async Task TheAppsPostgresSessionsRunWithoutJit()
    {
        await using var db = hosts[BothProvidersFixture.Postgres].CreateDbContext();

        var jit = await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"")
            .SingleAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("off", jit);
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
}
