using System.Net;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// CSV exports of <see cref="AnalyticsScenario"/>'s week: the company's own rows, nothing of its neighbour's.
public sealed class AnalyticsExportTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private const string Week = AnalyticsScenario.WeekQuery;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<string[][]> CsvAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync(Ct);
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];
    }

    [Fact]
    public async Task TheConversionsExportHasTheWeeksConversionsWithNetRevenueAndTheirMessage()
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        var rows = await CsvAsync(await fixture.GetAsync($"/api/analytics/export/conversions.csv?companyId={mine.CompanyId}&{Week}", token));

        Assert.Equal("id", rows[0][0]);
        var byType = rows.Skip(1).Select(r => (Type: r[5], Net: r[8], Currency: r[9], Playbook: r[13], Step: r[14])).OrderBy(r => r.Type).ThenBy(r => r.Net).ToList();
        Assert.Equal(
            [("first_purchase", "9900", "usd", "Welcome", "1"), ("recovery", "1000", "eur", "Payment rescue", "1"), ("recovery", "3400", "usd", "Payment rescue", "1"),
             ("recovery", "4900", "usd", "", ""), ("save", "2900", "usd", "Payment rescue", "2")],
            byType);
        Assert.All(rows.Skip(1), r => Assert.StartsWith("2026-10-", r[1]));
        Assert.Equal(["state", "recovered_by"], rows[0][15..]);
        Assert.All(rows.Skip(1), r => Assert.Contains(r[15], new[] { "pending", "confirmed", "lost" }));
    }

    [Fact]
    public async Task TheSendsExportHasEverySendSentOrDueInTheWeekOfThisCompanyOnly()
    {
        var (mine, token) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        var rows = await CsvAsync(await fixture.GetAsync($"/api/analytics/export/sends.csv?companyId={mine.CompanyId}&{Week}", token));

        Assert.Equal(["id", "playbook", "step", "enrollment_id", "status", "scheduled_for", "sent_at", "clicked_at", "click_count", "variant", "title", "channel"], rows[0]);
        Assert.Equal(8, rows.Length - 1);
        Assert.Equal(7, rows.Count(r => r[4] == "sent"));
        Assert.Single(rows, r => r[4] == "scheduled" && r[6] == "");
        await using var db = fixture.App.CreateDbContext();
        var ids = rows.Skip(1).Select(r => long.Parse(r[0])).ToList();
        Assert.All(ids, id => Assert.Equal(mine.CompanyId, db.Sends.Single(s => s.Id == id).CompanyId));
    }

    [Fact]
    public async Task AnotherCompanysExportIsForbidden()
    {
        var (mine, _) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);
        var (_, otherToken) = await AnalyticsScenario.InstalledWithNeighbourAsync(fixture);

        var response = await fixture.GetAsync($"/api/analytics/export/conversions.csv?companyId={mine.CompanyId}&{Week}", otherToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("recovery", await response.Content.ReadAsStringAsync(Ct));
    }
}
