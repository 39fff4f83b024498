using System.Net;
using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web.Security;

/// Production (outside the demo) refuses to start without Messaging:PublicBaseUrl; a value that is not an http(s)
/// base URL stops any start; elsewhere the app starts without it.
public sealed class PublicBaseUrlTests(PostgresServer postgres)
{
    [Fact]
    public async Task ProductionWithoutAPublicBaseUrlStopsAndNamesIt()
    {
        await using var app = new RevenueAngelApp(TestSettings.Production(await postgres.CreateDatabaseAsync("publicurl")), "Production")
        {
            Logs = new CapturedLogs(),
        };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("Messaging:PublicBaseUrl (env Messaging__PublicBaseUrl)", failure);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ra.example.com")]
    [InlineData("https://ra.example.com/?next=1")]
    public async Task APublicBaseUrlThatIsNotAnHttpBaseStopsStartupAndSaysWhich(string value)
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("publicurl"));
        settings["Messaging:PublicBaseUrl"] = value;
        await using var app = new RevenueAngelApp(settings) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains($"Messaging:PublicBaseUrl (env Messaging__PublicBaseUrl) '{value}' is not an absolute http(s) URL", failure);
    }

    [Fact]
    public async Task ProductionWithAPublicBaseUrlStarts()
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("publicurl"));
        settings["Messaging:PublicBaseUrl"] = "https://ra.example.com/";
        await using var app = new RevenueAngelApp(settings, "Production");

        var health = await app.CreateClient().GetAsync("/healthz", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
