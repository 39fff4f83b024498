using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// Demo mode never meets production: beside Whop credentials, or on a PostgreSQL database not marked as the demo's,
/// the app refuses to start, says why, and has written nothing.
public sealed class DemoRefusalTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task DemoBesideWhopSettingsRefusesToStartAndNamesThem(string environment)
    {
        var database = await postgres.CreateDatabaseAsync("refusal");
        var settings = TestSettings.Demo(database);
        settings["Whop:ApiKey"] = "apik_real_looking_key";
        settings["Whop:AppId"] = "app_real";
        await using var app = new RevenueAngelApp(settings, environment) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("Demo mode runs only without Whop settings", failure);
        Assert.Contains("Whop:ApiKey (env Whop__ApiKey), Whop:AppId (env Whop__AppId) are set", failure);
        Assert.DoesNotContain("apik_real_looking_key", failure);
        Assert.DoesNotContain(app.Logs!.Lines, line => line.Contains("apik_real_looking_key"));
        Assert.Equal(0, await TableCountAsync(database));
    }

    [Fact]
    public async Task DemoOnAnUnmarkedPostgreSqlDatabaseRefusesToStartAndNamesTheMarker()
    {
        var database = await postgres.CreateDatabaseAsync("refusal");
        var name = TestSettings.DatabaseName(database);
        var settings = TestSettings.Demo($"{database};Password=pg_secret_never_shown");
        settings["Demo:AllowDatabase"] = null;
        await using var app = new RevenueAngelApp(settings, "Production") { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains($"PostgreSQL database '{name}', which is not marked as a demo database", failure);
        Assert.Contains($"Demo:AllowDatabase={name} (env Demo__AllowDatabase)", failure);
        Assert.DoesNotContain("pg_secret_never_shown", failure);
        Assert.Equal(0, await TableCountAsync(database));
    }

    [Fact]
    public async Task DemoMarkedForAnotherDatabaseRefusesThisOne()
    {
        var database = await postgres.CreateDatabaseAsync("refusal");
        var settings = TestSettings.Demo(database);
        settings["Demo:AllowDatabase"] = "revenueangel_demo";
        await using var app = new RevenueAngelApp(settings, "Production") { Logs = new CapturedLogs() };

        Assert.Contains("not marked as a demo database", app.StartExpectingFailure());
        Assert.Equal(0, await TableCountAsync(database));
    }

    [Fact]
    public async Task DemoOnAMarkedPostgreSqlDatabaseStartsAndSeedsIt()
    {
        var database = await postgres.CreateDatabaseAsync("refusal");
        await using var app = new RevenueAngelApp(new()
        {
            ["ConnectionStrings:RevenueAngel"] = database,
            ["Demo:Enabled"] = "true",
            ["Demo:AllowDatabase"] = TestSettings.DatabaseName(database),
        }, "Production");

        var page = await app.CreateClient().GetAsync("/dashboard/biz_demo", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Demo Community", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DevelopmentWithSomeWhopSettingsIsNotTheDemoButAskForTheRest()
    {
        await using var app = new RevenueAngelApp(new()
        {
            ["ConnectionStrings:RevenueAngel"] = await postgres.CreateDatabaseAsync("refusal"),
            ["Whop:AppId"] = "app_present",
        }, "Development") { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains("Whop:ApiKey (env Whop__ApiKey)", failure);
        Assert.DoesNotContain("Demo mode", failure);
    }

    private static async Task<long> TableCountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
