using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Attribution;

public sealed class AttributionOptionsStartupTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    public async Task AnOutOfRangeSaveConfirmationWindowStopsTheStart(string days)
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("attribution"));
        settings["Messaging:PublicBaseUrl"] = "https://ra.example.com";
        settings["Attribution:SaveConfirmationDays"] = days;
        await using var app = new RevenueAngelApp(settings, "Production") { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("SaveConfirmationDays", failure);
    }
}
