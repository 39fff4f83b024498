using System.Net;
using System.Text;
using System.Text.Json;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// Admins list, page through, open, export and import their company's leads over REST; nobody reaches another's.
public sealed class LeadEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(LeadsScenario Scenario, string Token)> ScenarioAsync()
    {
        var whop = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var scenario = await LeadsScenario.CreateAsync(fixture.App.CreateDbContext, whop.CompanyId);
        return (scenario, fixture.AdminTokenFor(scenario.CompanyId));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<long[]> IdsAsync(LeadsScenario scenario, string token, string query) =>
        [.. (await JsonAsync(await fixture.GetAsync($"/api/leads?companyId={scenario.CompanyId}&{query}", token)))
            .GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64())];

    private static long[] Ids(LeadsScenario s, params string[] keys) => [.. keys.Select(k => s[k].Id)];

    [Fact]
    public async Task TheListFiltersBySearchSourceStatusReachabilityAndCapturePeriod()
    {
        var (s, token) = await ScenarioAsync();

        Assert.Equal(Ids(s, "ada", "bob", "cy", "dee", "eve", "fay"), await IdsAsync(s, token, ""));
        Assert.Equal(Ids(s, "ada"), await IdsAsync(s, token, "q=LOVE"));
        Assert.Equal(Ids(s, "cy"), await IdsAsync(s, token, "q=example.org"));
        Assert.Equal(Ids(s, "dee"), await IdsAsync(s, token, "source=landing_page"));
        Assert.Equal(Ids(s, "fay"), await IdsAsync(s, token, "status=unsubscribed"));
        Assert.Equal(Ids(s, "ada", "cy", "eve"), await IdsAsync(s, token, "reachable=true"));
        Assert.Equal(Ids(s, "bob", "dee", "fay"), await IdsAsync(s, token, "reachable=false"));
        Assert.Equal(Ids(s, "bob", "cy", "dee"), await IdsAsync(s, token, "capturedFrom=2026-11-05&capturedTo=2026-11-09"));
        Assert.Equal(Ids(s, "cy"), await IdsAsync(s, token, "reachable=true&capturedTo=2026-11-08&capturedFrom=2026-11-02"));
    }

    [Fact]
    public async Task ACursorWalksEveryLeadOnceInTheSameOrder()
    {
        var (s, token) = await ScenarioAsync();
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await fixture.GetAsync(
                $"/api/leads?companyId={s.CompanyId}&limit=4{(cursor is null ? "" : $"&cursor={cursor}")}", token));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(2, pages);
        Assert.Equal(Ids(s, "ada", "bob", "cy", "dee", "eve", "fay"), seen);
    }

    [Fact]
    public async Task ABadFilterLimitOrCursorIsAValidationProblem()
    {
        var (s, token) = await ScenarioAsync();

        var response = await fixture.GetAsync($"/api/leads?companyId={s.CompanyId}&status=won&limit=201&cursor=nonsense&capturedFrom=yesterday", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.All(new[] { "status", "limit", "cursor", "capturedFrom" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task ALeadsDetailHasItsChannelsAndTimeline()
    {
        var (s, token) = await ScenarioAsync();

        var detail = await JsonAsync(await fixture.GetAsync($"/api/leads/{s["ada"].Id}?companyId={s.CompanyId}", token));

        var lead = detail.GetProperty("lead");
        Assert.Equal("converted", lead.GetProperty("status").GetString());
        Assert.Equal(["push", "direct_message", "email"], lead.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Email me news", detail.GetProperty("consentText").GetString());
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["captured", "consent", "enrolled", "sent", "clicked", "left", "converted"], timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Contains("First purchase", timeline[3].GetProperty("text").GetString());
        Assert.Contains("49.00 USD", timeline[^1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task TheExportIsACsvOfTheFilteredLeadsThatImportsBack()
    {
        var (s, token) = await ScenarioAsync();

        var response = await fixture.GetAsync($"/api/leads/export?companyId={s.CompanyId}&reachable=false", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id,email,name,source,status,channels,consent,utm_source,captured_at,converted_at", lines[0]);
        Assert.Equal(["bob@example.com", "dee@example.com", "fay@example.com"], lines[1..].Select(l => l.Split(',')[1]));
        Assert.StartsWith($"{s["dee"].Id},dee@example.com,Dee Ray,landing_page,nurturing,,no,,2026-11-05T09:00:00", lines[2]);

        var reimport = await JsonAsync(await PostCsvAsync($"/api/leads/import?companyId={s.CompanyId}", token, string.Join('\n', lines)));
        Assert.Equal((0, 0, 3), (reimport.GetProperty("created").GetInt32(), reimport.GetProperty("updated").GetInt32(), reimport.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task AnImportAnswersItsReportWithTheBadRowsByLine()
    {
        var (s, token) = await ScenarioAsync();

        var report = await JsonAsync(await PostCsvAsync($"/api/leads/import?companyId={s.CompanyId}&nameColumn=Who",
            token, "Who,E-mail\nNew Person,new@example.com\nCy Named,CY@example.org\nNobody,nope\n"));

        Assert.Equal((3, 1, 1, 1), (report.GetProperty("rowsRead").GetInt32(), report.GetProperty("created").GetInt32(),
            report.GetProperty("updated").GetInt32(), report.GetProperty("badRowCount").GetInt32()));
        var bad = Assert.Single(report.GetProperty("badRows").EnumerateArray());
        Assert.Equal(4, bad.GetProperty("line").GetInt64());
        Assert.Contains("not a valid email", bad.GetProperty("reason").GetString());
        Assert.Equal("E-mail", report.GetProperty("mapping").GetProperty("email").GetString());
    }

    [Fact]
    public async Task AnUnreadableOrOversizedFileIsRefusedWithProblemDetailsAndNothingImported()
    {
        var (s, token) = await ScenarioAsync();
        var url = $"/api/leads/import?companyId={s.CompanyId}";

        var unreadable = await PostCsvAsync(url, token, "name,phone\nAnn,1\n");
        var tooMany = await PostCsvAsync(url, token, LeadCsvFiles.Generated(100_001));

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal("application/problem+json", unreadable.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no email column", await unreadable.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("100,000", await tooMany.Content.ReadAsStringAsync(Ct));
        var all = await JsonAsync(await fixture.GetAsync($"/api/leads?companyId={s.CompanyId}&limit=200", token));
        Assert.Equal(6, all.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnotherCompanysLeadsAreNotFoundForbiddenAndNeverWritten()
    {
        var (mine, myToken) = await ScenarioAsync();
        var (theirs, theirToken) = await ScenarioAsync();

        var detail = await fixture.GetAsync($"/api/leads/{theirs["ada"].Id}?companyId={mine.CompanyId}", myToken);
        var list = await fixture.GetAsync($"/api/leads?companyId={theirs.CompanyId}", myToken);
        var export = await fixture.GetAsync($"/api/leads/export?companyId={theirs.CompanyId}", myToken);
        var import = await PostCsvAsync($"/api/leads/import?companyId={theirs.CompanyId}", myToken, "email\nintruder@example.com\n");
        var anonymous = await fixture.GetAsync($"/api/leads?companyId={mine.CompanyId}", token: null);

        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(6, await CountAsync(theirs, theirToken));
    }

    private async Task<int> CountAsync(LeadsScenario s, string token) =>
        (await JsonAsync(await fixture.GetAsync($"/api/leads?companyId={s.CompanyId}&limit=200", token))).GetProperty("items").GetArrayLength();

    private async Task<HttpResponseMessage> PostCsvAsync(string path, string token, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("x-whop-user-token", token);
        return await fixture.App.CreateClient().SendAsync(request, Ct);
    }
}
