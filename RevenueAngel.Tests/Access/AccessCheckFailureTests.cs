using System.Net;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Access;

/// Whop failing during an access check is Whop's outage, not the creator's fault nor ours: 503 with a page or a
/// problem that says so, never a 500, and the failed answer is remembered briefly instead of asked again at once.
public sealed class AccessCheckFailureTests(AccessCheckFailureTests.Fixture fixture) : IClassFixture<AccessCheckFailureTests.Fixture>
{
    /// Without retries: the fixture's clock, which also drives Polly's waits, stands still.
    public sealed class Fixture(PostgresServer postgres) : WhopAppFixture(postgres)
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Whop:MaxRetries"] = "0";
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWhopOutageDuringTheCheckAnswers503ForPagesAndTheApiAndIsNotAskedAgainAtOnce()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var token = fixture.AdminTokenFor(company.CompanyId);
        fixture.Whop.Store.AccessCheckStatus = 503;
        try
        {
            var page = await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
            var api = await fixture.GetAsync($"/api/playbooks?companyId={company.CompanyId}", token);
            var checksSoFar = AccessChecks(company.CompanyId);
            var again = await fixture.GetAsync($"/api/playbooks?companyId={company.CompanyId}", token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("Whop is not answering right now", await page.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Whop did not answer the access check", await api.Content.ReadAsStringAsync(Ct));
            Assert.NotNull(api.Headers.RetryAfter);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            Assert.Equal(checksSoFar, AccessChecks(company.CompanyId));
        }
        finally
        {
            fixture.Whop.Store.AccessCheckStatus = null;
        }
    }

    [Fact]
    public async Task AnAccessCheckThatWhopRefusesAsUnauthorizedSaysTheAppIsNotInstalled()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var token = fixture.AdminTokenFor(company.CompanyId);
        fixture.Whop.Store.AccessCheckStatus = 403;
        try
        {
            var page = await fixture.GetAsync($"/dashboard/{company.CompanyId}/settings", token);

            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Install RevenueAngel on this company first", await page.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            fixture.Whop.Store.AccessCheckStatus = null;
        }
    }

    private int AccessChecks(string companyId) =>
        fixture.Whop.Store.Requests.Count(r => r.PathAndQuery.Contains("/access/", StringComparison.Ordinal) && r.PathAndQuery.Contains(companyId, StringComparison.Ordinal));
}
