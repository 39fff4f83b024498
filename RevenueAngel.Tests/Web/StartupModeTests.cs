using System.Net;
using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// Demo without login only in Development or when enabled; any other start without Whop settings stops and
/// names what is missing.
public sealed class StartupModeTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductionWithoutWhopSettingsStopsAndNamesEachMissingSetting()
    {
        await using var app = new RevenueAngelApp(new()
        {
            ["ConnectionStrings:RevenueAngel"] = await postgres.CreateDatabaseAsync("startup"),
            ["Whop:AppId"] = "app_present",
        }, environment: "Production") { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("Whop:ApiKey (env Whop__ApiKey)", failure);
        Assert.Contains("Whop:WebhookSecrets (env Whop__WebhookSecrets)", failure);
        Assert.DoesNotContain("Whop:AppId", failure);
        Assert.Contains("Demo:Enabled=true", failure);
    }

    [Fact]
    public async Task DevelopmentWithoutWhopSettingsServesTheDemoWithoutLogin()
    {
        var database = await postgres.CreateDatabaseAsync("startup");
        await using var app = new RevenueAngelApp(new()
        {
            ["ConnectionStrings:RevenueAngel"] = database,
            ["Demo:AllowDatabase"] = TestSettings.DatabaseName(database),
        }, environment: "Development");

        var page = await app.CreateClient().GetAsync("/dashboard/biz_demo", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Demo Community", html);
        Assert.Contains("Demo data", html);
    }

    [Fact]
    public async Task ProductionWithWhopSettingsDoesNotOpenTheDemoCompany()
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("startup"));
        settings["Messaging:PublicBaseUrl"] = "https://ra.example.com";
        await using var app = new RevenueAngelApp(settings, "Production");

        var page = await app.CreateClient().GetAsync("/dashboard/biz_demo", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Open RevenueAngel from your Whop dashboard", await page.Content.ReadAsStringAsync(Ct));
        await using var db = app.CreateDbContext();
        Assert.False(db.Companies.Any(), "no demo data is seeded outside demo mode");
    }

    [Fact]
    public async Task ReplicasShareTheDataProtectionKeyRingWhenAFolderIsConfigured()
    {
        var keys = Directory.CreateTempSubdirectory("ra-test-keys-");
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("startup"));
        settings["DataProtection:KeysPath"] = keys.FullName;
        await using var app = new RevenueAngelApp(settings);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/dashboard/biz_demo", Ct)).StatusCode);

        Assert.NotEmpty(keys.GetFiles("key-*.xml"));
        keys.Delete(recursive: true);
    }

    [Fact]
    public async Task TheDemoOpensOnlyTheDemoCompany()
    {
        await using var app = new RevenueAngelApp(TestSettings.Demo(await postgres.CreateDatabaseAsync("startup")), "Production");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/biz_demo", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/biz_someone_else", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/biz_someone_else/settings", Ct)).StatusCode);
    }
}
