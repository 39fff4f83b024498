using System.Net;
using Npgsql;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

public sealed class HealthTests(PostgresServer postgres)
{
    [Fact]
    public async Task HealthAnswers200WhileTheDatabaseAnswersAnd503OnceItDoesNot()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync("health");
        await using var app = new RevenueAngelApp(TestSettings.Production(connectionString));
        var client = app.CreateClient();

        var healthy = await client.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync(ct));

        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }

        var unhealthy = await client.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync(ct));
    }
}
