using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

public sealed class LeadCaptureOptionsStartupTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("CapturesPerIpPerMinute", "0")]
    [InlineData("CapturesPerKeyPerMinute", "-5")]
    [InlineData("UnreachableRecheckHours", "0")]
    public async Task AnOutOfRangeCaptureLimitOrRecheckStopsTheStart(string key, string value)
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("leadoptions"));
        settings["Messaging:PublicBaseUrl"] = "https://ra.example.com";
        settings[key == "UnreachableRecheckHours" ? $"Dispatch:{key}" : $"RateLimits:{key}"] = value;
        await using var app = new RevenueAngelApp(settings, "Production") { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains(key, failure);
    }
}
