using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web.Security;

/// X-Forwarded-Proto and X-Forwarded-For count only from loopback and the configured proxies: then HSTS, the scheme
/// and per-address limits see the client; from anyone else they are ignored.
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedAppFixture proxied, PostgresServer postgres)
    : IClassFixture<ForwardedHeadersTests.ProxiedAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("203.0.113.8")]
    [InlineData("198.51.100.77")]
    public async Task HttpsForwardedByATrustedProxyIsHttpsWithHsts(string proxy)
    {
        var response = await proxied.GetAsync("/healthz", proxy, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [InlineData("203.0.113.99", "https")]
    [InlineData("127.0.0.1", null)]
    public async Task HttpsClaimedByAnUnknownProxyOrNotForwardedGetsNoHsts(string proxy, string? forwardedProto)
    {
        var response = await proxied.GetAsync("/healthz", proxy, forwardedProto);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "plain http must not announce HSTS");
    }

    [Fact]
    public async Task ATrustedProxysForwardedForIsTheClientTheLimitsCount()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await proxied.GetAsync("/r/CCCCCCCCCCCCCCCCCCCCCC", "203.0.113.7", forwardedFor: "192.0.2.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await proxied.GetAsync("/r/CCCCCCCCCCCCCCCCCCCCCC", "203.0.113.7", forwardedFor: "192.0.2.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await proxied.GetAsync("/r/CCCCCCCCCCCCCCCCCCCCCC", "203.0.113.7", forwardedFor: "192.0.2.2")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownProxysForwardedForIsIgnored()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await proxied.GetAsync("/r/DDDDDDDDDDDDDDDDDDDDDD", "203.0.113.50", forwardedFor: "192.0.2.3")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await proxied.GetAsync("/r/DDDDDDDDDDDDDDDDDDDDDD", "203.0.113.50", forwardedFor: "192.0.2.4")).StatusCode);
    }

    [Fact]
    public async Task AProxyThatIsNotAnAddressStopsStartupAndSaysWhich()
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("forwarded"));
        settings["ForwardedHeaders:KnownProxies"] = "10.0.0.5, proxy.internal";
        settings["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/33";
        await using var app = new RevenueAngelApp(settings) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("ForwardedHeaders:KnownProxies entry 'proxy.internal' is not an IP address", failure);
        Assert.Contains("ForwardedHeaders:KnownNetworks entry '10.1.0.0/33' is not a network", failure);
        Assert.DoesNotContain("'10.0.0.5'", failure);
    }

    /// Trusts 203.0.113.7 and .8 (a comma-separated list) and 198.51.100.0/24 (an array), besides loopback; one click per address.
    public sealed class ProxiedAppFixture(PostgresServer postgres) : IAsyncLifetime
    {
        private RevenueAngelApp _app = null!;
        private WebApplicationFactory<Program> _proxied = null!;

        public async ValueTask InitializeAsync()
        {
            var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("forwarded"));
            settings["ForwardedHeaders:KnownProxies"] = "203.0.113.7, 203.0.113.8";
            settings["ForwardedHeaders:KnownNetworks:0"] = "198.51.100.0/24";
            settings["RateLimits:ClicksPerIpPerMinute"] = "1";
            _app = new RevenueAngelApp(settings);
            _proxied = _app.WithRemoteAddresses();
        }

        public async Task<HttpResponseMessage> GetAsync(string path, string proxy, string? forwardedProto = null, string? forwardedFor = null)
        {
            // A host name: HSTS is never sent to localhost.
            var client = _proxied.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://revenueangel.example"), AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, path).From(proxy);
            if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            return await client.SendAsync(request, Ct);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
