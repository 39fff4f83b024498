using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Persistence;

/// The embedded SQLite demo and PostgreSQL give the same answers for the same data.
public sealed class ProviderParityTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Today = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DashboardNumbersAreTheSameOnPostgreSqlAndSqlite()
    {
        var time = new FakeTimeProvider(Today);
        await using var pg = await CoreHost.StartAsync(TestSettings.Demo(await postgres.CreateDatabaseAsync("parity")), time);
        await using var sqlite = await CoreHost.StartSqliteAsync(TestSettings.Demo(null), time);

        foreach (var days in DashboardQueries.Periods)
        {
            var expected = await pg.Get<DashboardQueries>().GetSummaryAsync("biz_demo", days, Xunit.TestContext.Current.CancellationToken);
            var actual = await sqlite.Get<DashboardQueries>().GetSummaryAsync("biz_demo", days, Xunit.TestContext.Current.CancellationToken);

            Assert.NotNull(expected);
            Assert.True(expected.FailedPayments > 0 && expected.Revenue.Count > 0, "the comparison needs data");
            Assert.Equivalent(expected, actual, strict: true);
        }
    }
}
