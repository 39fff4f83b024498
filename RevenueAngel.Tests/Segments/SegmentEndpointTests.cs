using System.Net;
using System.Net.Http.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Segments;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Segments;

public sealed class SegmentEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(FakeWhopBuilder Company, string Token)> SyncedCompanyAsync()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        for (var i = 1; i <= 12; i++) company.AddMember(i, planId: i <= 5 ? company.ProPlanId : company.BasicPlanId);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        return (company, token);
    }

    [Fact]
    public async Task APreviewCountsTheCompanysMatchesAndSamplesThem()
    {
        var (company, token) = await SyncedCompanyAsync();

        var response = await fixture.PostJsonAsync($"/api/segments/preview?companyId={company.CompanyId}", token,
            $$$"""{"rules":{"all":[{"field":"plan","op":"in","value":["{{{company.ProPlanId}}}"]}]}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<AudiencePreview>(Ct);
        Assert.Equal(5, preview!.Count);
        Assert.Equal(5, preview.Sample.Count);
        Assert.All(preview.Sample, s => Assert.StartsWith("Member ", s.Label));
    }

    [Fact]
    public async Task BadRulesAreAProblemThatSaysWhatIsWrong()
    {
        var (company, token) = await SyncedCompanyAsync();

        var response = await fixture.PostJsonAsync($"/api/segments/preview?companyId={company.CompanyId}", token,
            """{"rules":{"all":[{"field":"tenure","op":">=","value":3}]},"subject":"member"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rules[0]: unknown field 'tenure'.", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AnotherCompanysAudienceIsForbiddenAndNoTokenIsUnauthorized()
    {
        var (_, token) = await SyncedCompanyAsync();
        var (other, _) = await SyncedCompanyAsync();

        var forbidden = await fixture.PostJsonAsync($"/api/segments/preview?companyId={other.CompanyId}", token, "{}");
        var anonymous = await fixture.PostJsonAsync($"/api/segments/preview?companyId={other.CompanyId}", null, "{}");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
