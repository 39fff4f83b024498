using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web.Security;

/// Every response (pages, API, tracked links, static assets) carries the security headers; everything but
/// fingerprinted static assets is no-store.
public sealed partial class SecurityHeadersTests(SecurityHeadersTests.DemoAppFixture demo) : IClassFixture<SecurityHeadersTests.DemoAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/dashboard/biz_demo")]
    [InlineData("/dashboard/biz_demo/playbooks")]
    [InlineData("/dashboard/biz_demo/playbooks/new")]
    [InlineData("/dashboard/biz_demo/analytics")]
    [InlineData("/dashboard/biz_demo/settings")]
    [InlineData("/dashboard/biz_demo/activity")]
    public async Task EveryPageKindCarriesTheHeadersAndItsImportMapTheNonceOfItsPolicy(string path)
    {
        var response = await demo.Client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = AssertSecurityHeaders(response, "strict-origin-when-cross-origin");
        AssertNoStore(response);
        var nonce = Assert.Single(NonceSource().Matches(policy)).Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Matches($"<script[^>]*type=\"importmap\"[^>]*nonce=\"{Regex.Escape(nonce)}\"|<script[^>]*nonce=\"{Regex.Escape(nonce)}\"[^>]*type=\"importmap\"", html);
        Assert.NotEqual(nonce, NonceSource().Match(AssertSecurityHeaders(await demo.Client.GetAsync(path, Ct), "strict-origin-when-cross-origin")).Groups[1].Value);
    }

    [Theory]
    [InlineData("/experiences/exp_biz_demo")]
    [InlineData("/dashboard/biz_someone_else")]
    [InlineData("/not-a-page")]
    [InlineData("/healthz")]
    [InlineData("/api/playbooks?companyId=biz_demo")]
    [InlineData("/api/analytics/dashboard?companyId=biz_demo")]
    [InlineData("/api/playbooks")]
    public async Task ErrorPagesHealthAndApiAnswersCarryTheHeadersAndNoStore(string path)
    {
        var response = await demo.Client.GetAsync(path, Ct);

        AssertSecurityHeaders(response, "strict-origin-when-cross-origin");
        AssertNoStore(response);
    }

    [Fact]
    public async Task TheClickRedirectCarriesTheHeadersAndSendsNoReferrer()
    {
        const string token = "HeadersTestClickToken0";
        await using (var db = demo.App.CreateDbContext())
        {
            var sendId = await db.Sends.Where(s => s.CompanyId == "biz_demo").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
            await db.Sends.Where(s => s.Id == sendId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ClickToken, token).SetProperty(s => s.CtaUrl, "https://whop.com/hub/biz_demo"), Ct);
        }

        var response = await demo.Client.GetAsync($"/r/{token}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://whop.com/hub/biz_demo", response.Headers.Location?.AbsoluteUri);
        AssertSecurityHeaders(response, "no-referrer");
        AssertNoStore(response);
    }

    [Fact]
    public async Task FingerprintedStaticAssetsCarryTheHeadersAndStayCacheable()
    {
        var html = await (await demo.Client.GetAsync("/dashboard/biz_demo", Ct)).Content.ReadAsStringAsync(Ct);
        var stylesheet = MudStylesheet().Match(html).Groups[1].Value;
        Assert.NotEqual("_content/MudBlazor/MudBlazor.min.css", stylesheet);

        var response = await demo.Client.GetAsync($"/{stylesheet}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, "strict-origin-when-cross-origin");
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.CacheControl?.NoStore, "a fingerprinted asset is the same forever");
    }

    private static string AssertSecurityHeaders(HttpResponseMessage response, string referrerPolicy)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
                     "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self' https://whop.com https://*.whop.com",
                 })
            Assert.Contains(directive, policy);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9_-]{24}'(;|$)", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(referrerPolicy, Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("X-Frame-Options"), "X-Frame-Options would stop Whop from framing the app");
        return policy;
    }

    private static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri} is cacheable: {response.Headers.CacheControl}");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceSource();

    [GeneratedRegex("href=\"(_content/MudBlazor/MudBlazor\\.min[^\"]*\\.css)\"")]
    private static partial Regex MudStylesheet();

    public sealed class DemoAppFixture(PostgresServer postgres) : IAsyncLifetime
    {
        public RevenueAngelApp App { get; private set; } = null!;
        public HttpClient Client { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("headers"));
            // Static assets as published: outside a publish folder MapStaticAssets answers no-cache to every asset.
            settings["EnableStaticAssetsDevelopmentCaching"] = "true";
            App = new RevenueAngelApp(settings);
            Client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
