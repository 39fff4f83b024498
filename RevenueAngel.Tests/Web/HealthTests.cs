using System.Net;
using Npgsql;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

public sealed class HealthTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthAnswers200WhileTheDatabaseAnswersAnd503OnceItDoesNot()
    {
        var connectionString = await postgres.CreateDatabaseAsync("health");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var app = new RevenueAngelApp(TestSettings.Production(connectionString));
        var client = app.CreateClient();

        var healthy = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync(Ct));

        // The database stops accepting connections and drops the open ones; it comes back before the app stops,
        // so the app's own shutdown (Quartz's clustered store) is not left waiting on a database that is gone.
        await AdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
        try
        {
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");

            var unhealthy = await client.GetAsync("/healthz", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
