using System.Net;
using System.Text.Json;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// The analytics endpoints over <see cref="AnalyticsScenario"/>'s week (26 Oct – 1 Nov 2026) in an installed company.
public sealed class AnalyticsApiTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private const string Week = AnalyticsScenario.WeekQuery;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct)).RootElement;
    }

    [Fact]
    public async Task TheDashboardCarriesTheRangesFiguresThePreviousPeriodTheSeriesAndRecentConversions()
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        var body = await JsonAsync(await fixture.GetAsync($"/api/analytics/dashboard?companyId={mine.CompanyId}&{Week}", token));

        var analytics = body.GetProperty("analytics");
        Assert.Equal(7, body.GetProperty("days").GetInt32());
        Assert.Equal(6300, analytics.GetProperty("current").GetProperty("recoveredRevenueCents").GetInt64());
        Assert.Equal(16200, analytics.GetProperty("current").GetProperty("influencedRevenueCents").GetInt64());
        Assert.Equal(3, analytics.GetProperty("current").GetProperty("conversionsByType").GetProperty("recovery").GetInt32());
        Assert.Equal(2000, analytics.GetProperty("previous").GetProperty("recoveredRevenueCents").GetInt64());
        Assert.Equal(2.15, analytics.GetProperty("recoveredRevenue").GetProperty("percent").GetDouble(), 6);
        Assert.Equal(7, analytics.GetProperty("daily").GetArrayLength());
        Assert.Equal(9900, analytics.GetProperty("daily")[3].GetProperty("revenueCents").GetProperty("nurture").GetInt64());
        // Installing added the default playbooks, which earned nothing: they follow, after the two that did.
        var playbooks = analytics.GetProperty("playbooks").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Welcome", "Payment rescue"], playbooks.Take(2));
        Assert.Contains("Go Pro", playbooks);
        Assert.Equal("Member c1", body.GetProperty("recentConversions")[0].GetProperty("memberName").GetString());
    }

    [Fact]
    public async Task APlaybooksReportHasItsTotalsAndStepFunnel()
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        var report = await JsonAsync(await fixture.GetAsync($"/api/analytics/playbook/{mine.ChurnSave.Id}?companyId={mine.CompanyId}&{Week}", token));

        var totals = report.GetProperty("totals");
        Assert.Equal((5, 2, 3, 6300L, 0.4), (totals.GetProperty("sends").GetInt32(), totals.GetProperty("clicks").GetInt32(),
            totals.GetProperty("conversions").GetInt32(), totals.GetProperty("revenueCents").GetInt64(), totals.GetProperty("clickThroughRate").GetDouble()));
        Assert.Equal([(4, 4, 2, 2), (2, 1, 0, 1)], report.GetProperty("steps").EnumerateArray().Select(s =>
            (s.GetProperty("scheduled").GetInt32(), s.GetProperty("sent").GetInt32(), s.GetProperty("clicked").GetInt32(), s.GetProperty("converted").GetInt32())));
        var experiments = report.GetProperty("experiments");
        Assert.Equal(mine.ChurnSave.Id, experiments.GetProperty("playbookId").GetInt64());
        Assert.Equal(2, experiments.GetProperty("arms").GetArrayLength());
        Assert.True(experiments.GetProperty("arms")[0].GetProperty("subjects").GetInt32() > 0);
    }

    [Fact]
    public async Task AnotherCompanysPlaybookIsNotFound()
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);
        await using var db = fixture.App.CreateDbContext();
        var theirs = await AnalyticsScenario.CreateAsync(db, "Theirs");

        var response = await fixture.GetAsync($"/api/analytics/playbook/{theirs.ChurnSave.Id}?companyId={mine.CompanyId}", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Payment rescue", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/api/analytics/dashboard?companyId={0}")]
    [InlineData("/api/analytics/playbook/1?companyId={0}")]
    [InlineData("/api/analytics/export/conversions.csv?companyId={0}")]
    [InlineData("/api/analytics/export/sends.csv?companyId={0}")]
    public async Task EveryAnalyticsEndpointNeedsATokenAndAnAdminOfThatCompany(string template)
    {
        var (mine, _) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);
        var stranger = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();

        var anonymous = await fixture.GetAsync(string.Format(template, mine.CompanyId), token: null);
        var otherAdmin = await fixture.GetAsync(string.Format(template, mine.CompanyId), fixture.AdminTokenFor(stranger.CompanyId));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherAdmin.StatusCode);
        Assert.DoesNotContain("Member c", await otherAdmin.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("from=2026-10-01", "from and to must both be dates")]
    [InlineData("from=2026-10-01&to=yesterday", "from and to must both be dates")]
    [InlineData("from=2026-10-09&to=2026-10-01", "to must not be before from")]
    [InlineData("from=2025-01-01&to=2026-10-01", "at most 366 days")]
    [InlineData("days=7&from=2026-10-01&to=2026-10-02", "either days or from and to")]
    [InlineData("days=14", "days must be one of 7, 30, 90")]
    public async Task ABadPeriodIsAProblemThatSaysWhatIsWrong(string query, string problem)
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        foreach (var path in new[] { "dashboard", $"playbook/{mine.ChurnSave.Id}", "export/sends.csv" })
        {
            var response = await fixture.GetAsync($"/api/analytics/{path}?companyId={mine.CompanyId}&{query}", token);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(problem, await response.Content.ReadAsStringAsync(Ct));
        }
    }
}
