using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

public sealed class FramingTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("/dashboard/biz_demo")]
    [InlineData("/not-a-page")]
    [InlineData("/healthz")]
    public async Task WhopAndConfiguredOriginsMayFrameEveryResponse(string path)
    {
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("framing"));
        settings["Framing:ExtraAncestors:0"] = "https://creator.example";
        await using var app = new RevenueAngelApp(settings);

        var response = await app.CreateClient().GetAsync(path, Xunit.TestContext.Current.CancellationToken);

        Assert.EndsWith("; frame-ancestors 'self' https://whop.com https://*.whop.com https://creator.example",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.False(response.Headers.Contains("X-Frame-Options"), "X-Frame-Options would stop Whop from framing the app");
    }

    [Fact]
    public async Task AnExtraAncestorThatIsNotAnOriginStopsStartupAndSaysWhich()
    {
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("framing"));
        settings["Framing:ExtraAncestors:0"] = "javascript:alert(1)";
        await using var app = new RevenueAngelApp(settings) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("Framing:ExtraAncestors entry 'javascript:alert(1)' is not an origin", failure);
    }
}
