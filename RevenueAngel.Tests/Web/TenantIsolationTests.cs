using System.Net;
using System.Net.Http.Json;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// An admin of one company tries every page and endpoint with another company's id: nothing of it comes back.
public sealed class TenantIsolationTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> CompanyPaths =>
        ["/dashboard/{0}", "/dashboard/{0}/settings", "/dashboard/{0}/leads", "/api/analytics/dashboard?companyId={0}", "/api/leads?companyId={0}", "/api/leads/export?companyId={0}"];

    private async Task<(FakeWhopBuilder Mine, FakeWhopBuilder Theirs, string MyToken)> TwoInstalledCompaniesAsync()
    {
        var mine = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var theirs = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        fixture.Whop.Store.Companies[theirs.CompanyId].Title = "Their Secret Club";
        for (var i = 1; i <= 3; i++) theirs.AddMember(i);
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{theirs.CompanyId}", fixture.AdminTokenFor(theirs.CompanyId))).StatusCode);
        await fixture.Get<RevenueAngel.Core.Companies.CompanySync>().SyncAsync(theirs.CompanyId, Ct);
        var myToken = fixture.AdminTokenFor(mine.CompanyId);
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{mine.CompanyId}", myToken)).StatusCode);
        return (mine, theirs, myToken);
    }

    [Theory]
    [MemberData(nameof(CompanyPaths))]
    public async Task AnotherCompanysPagesAndEndpointsAreForbidden(string pathTemplate)
    {
        var (_, theirs, myToken) = await TwoInstalledCompaniesAsync();

        var response = await fixture.GetAsync(string.Format(pathTemplate, theirs.CompanyId), myToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Their Secret Club", body);
        Assert.DoesNotContain("member1", body);
    }

    [Theory]
    [MemberData(nameof(CompanyPaths))]
    public async Task WithoutATokenEveryCompanyPathIsUnauthorized(string pathTemplate)
    {
        var (mine, _, _) = await TwoInstalledCompaniesAsync();

        var response = await fixture.GetAsync(string.Format(pathTemplate, mine.CompanyId), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheDashboardEndpointAnswersWithTheCompanysOwnNumbersOnly()
    {
        var (mine, _, myToken) = await TwoInstalledCompaniesAsync();
        mine.AddMember(1);
        await fixture.Get<RevenueAngel.Core.Companies.CompanySync>().SyncAsync(mine.CompanyId, Ct);

        var response = await fixture.GetAsync($"/api/analytics/dashboard?companyId={mine.CompanyId}&days=7", myToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new RevenueAngel.Web.Endpoints.StoredEnumJsonConverter() } };
        var summary = await response.Content.ReadFromJsonAsync<DashboardSummary>(json, Ct);
        Assert.Equal(("Acme Traders", 1, 1, 7), (summary!.CompanyName, summary.Members, summary.ActiveMemberships, summary.Days));
    }

    [Fact]
    public async Task AnEndpointCallWithoutACompanyIdOrWithABadPeriodSaysWhatIsWrong()
    {
        var (mine, _, myToken) = await TwoInstalledCompaniesAsync();

        var missing = await fixture.GetAsync("/api/analytics/dashboard", myToken);
        var badPeriod = await fixture.GetAsync($"/api/analytics/dashboard?companyId={mine.CompanyId}&days=12", myToken);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("companyId query parameter is required", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("days must be one of 7, 30, 90", await badPeriod.Content.ReadAsStringAsync(Ct));
    }
}
