using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Playbooks;

/// The public API's create, edit, clone and delete, as a script would call them with curl.
public sealed class PlaybookCrudEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private const string NewPlaybook = """
        {
          "name": "Pro for regulars",
          "type": "upsell",
          "targetRules": { "all": [ { "field": "tenure_days", "op": ">=", "value": 14 } ] },
          "goal": "upgrade",
          "priority": 30,
          "reentryAfterDays": 60,
          "holdoutPercent": 20,
          "tone": "expert",
          "steps": [
            { "delayMinutes": 0, "channel": "push", "title": "Hi {{ first_name }}", "body": "Pro is here", "ctaLabel": "See Pro", "ctaUrl": "{{ checkout_url }}" },
            { "delayMinutes": 2880, "channel": "direct_message", "title": "Still on {{ plan_name }}?", "body": "Pro adds live calls." }
          ]
        }
        """;

    private async Task<(string CompanyId, string Token)> InstalledCompanyAsync()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        company.AddMember(1);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        return (company.CompanyId, token);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private async Task<int> CountAsync(string companyId, string token) =>
        (await JsonAsync(await fixture.GetAsync($"/api/playbooks?companyId={companyId}", token))).GetArrayLength();

    [Fact]
    public async Task CreatingAPlaybookReturnsItSwitchedOffWithItsStepsAndLocation()
    {
        var (companyId, token) = await InstalledCompanyAsync();

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token, NewPlaybook);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        Assert.Equal($"/api/playbooks/{created.GetProperty("id").GetInt64()}?companyId={companyId}", response.Headers.Location!.OriginalString);
        Assert.False(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(("upsell", "expert", 60, 20), (created.GetProperty("type").GetString(), created.GetProperty("tone").GetString(),
            created.GetProperty("reentryAfterDays").GetInt32(), created.GetProperty("holdoutPercent").GetInt32()));
        Assert.Equal(["Hi {{ first_name }}", "Still on {{ plan_name }}?"], created.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("title").GetString()));
        Assert.Equal(4, await CountAsync(companyId, token));
    }

    [Fact]
    public async Task AnInvalidPlaybookIsRejectedWithEveryProblemWhereItIsAndNothingIsSaved()
    {
        var (companyId, token) = await InstalledCompanyAsync();
        var body = NewPlaybook.Replace("\"name\": \"Pro for regulars\"", "\"name\": \"\"")
            .Replace("\"body\": \"Pro is here\"", "\"body\": \"Hello\\n{{ frist_name }}\"")
            .Replace("\"field\": \"tenure_days\"", "\"field\": \"shoe_size\"");

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("required", errors.GetProperty("name")[0].GetString());
        Assert.Contains("shoe_size", errors.GetProperty("targetRules")[0].GetString());
        var template = errors.GetProperty("steps[0].body")[0].GetString()!;
        Assert.Contains("Line 2", template);
        Assert.Contains("Did you mean 'first_name'", template);
        Assert.Equal(3, await CountAsync(companyId, token));
    }

    [Fact]
    public async Task AnUnreadableBodyIsAProblemNotACrash()
    {
        var (companyId, token) = await InstalledCompanyAsync();

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token, """{"name":"x","type":"sideways"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sideways", (await JsonAsync(response)).GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task PatchChangesOnlyWhatItSendsAndNullClearsAField()
    {
        var (companyId, token) = await InstalledCompanyAsync();
        var id = (await JsonAsync(await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token, NewPlaybook))).GetProperty("id").GetInt64();

        var renamed = await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{id}?companyId={companyId}", token,
            """{"name":"Pro, politely","reentryAfterDays":null}""");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var detail = await JsonAsync(renamed);
        Assert.Equal("Pro, politely", detail.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("reentryAfterDays").ValueKind);
        Assert.Equal(2, detail.GetProperty("steps").GetArrayLength());
        Assert.Equal(30, detail.GetProperty("priority").GetInt32());

        var firstStep = detail.GetProperty("steps")[0].GetProperty("id").GetInt64();
        var trimmed = await JsonAsync(await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{id}?companyId={companyId}", token,
            $$"""{"steps":[{"id":{{firstStep}},"delayMinutes":5,"channel":"push","title":"Hi again","body":"Shorter now"}]}"""));
        Assert.Equal([(firstStep, 5, "Hi again")], trimmed.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("id").GetInt64(), s.GetProperty("delayMinutes").GetInt32(), s.GetProperty("title").GetString())));

        var badType = await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{id}?companyId={companyId}", token, """{"type":"nurture"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
    }

    [Fact]
    public async Task DeleteHidesThePlaybookAndCloneAndLibraryAddSwitchedOffCopies()
    {
        var (companyId, token) = await InstalledCompanyAsync();
        var list = await JsonAsync(await fixture.GetAsync($"/api/playbooks?companyId={companyId}", token));
        var upgrade = list.EnumerateArray().Single(p => p.GetProperty("type").GetString() == "upsell").GetProperty("id").GetInt64();

        var clone = await fixture.PostJsonAsync($"/api/playbooks/{upgrade}/clone?companyId={companyId}", token, "{}");
        Assert.Equal(HttpStatusCode.Created, clone.StatusCode);
        Assert.Equal("Upgrade to Pro (copy)", (await JsonAsync(clone)).GetProperty("name").GetString());

        var hype = await fixture.PostJsonAsync($"/api/playbooks/library?companyId={companyId}", token, """{"key":"payment-recovery","tone":"hype"}""");
        Assert.Equal(HttpStatusCode.Created, hype.StatusCode);
        var hyped = await JsonAsync(hype);
        Assert.Equal(("Payment failed recovery (2)", "hype"), (hyped.GetProperty("name").GetString(), hyped.GetProperty("tone").GetString()));
        Assert.Equal("Don't lose your spot, {{ first_name }}!", hyped.GetProperty("steps")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await fixture.PostJsonAsync($"/api/playbooks/library?companyId={companyId}", token, """{"key":"get-rich-quick"}""")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.SendAsync(HttpMethod.Delete, $"/api/playbooks/{upgrade}?companyId={companyId}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.GetAsync($"/api/playbooks/{upgrade}?companyId={companyId}", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Delete, $"/api/playbooks/{upgrade}?companyId={companyId}", token)).StatusCode);
        Assert.Equal(4, await CountAsync(companyId, token));
    }

    [Fact]
    public async Task WithoutATokenNothingIsReadOrWrittenAndAnotherCompanysPlaybookCannotBeChanged()
    {
        var (mine, myToken) = await InstalledCompanyAsync();
        var (theirs, theirToken) = await InstalledCompanyAsync();
        var theirPlaybook = (await JsonAsync(await fixture.GetAsync($"/api/playbooks?companyId={theirs}", theirToken)))[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.PostJsonAsync($"/api/playbooks?companyId={mine}", null, NewPlaybook)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.SendAsync(HttpMethod.Delete, $"/api/playbooks/{theirPlaybook}?companyId={theirs}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.PostJsonAsync($"/api/playbooks?companyId={theirs}", myToken, NewPlaybook)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{theirPlaybook}?companyId={mine}", myToken, """{"name":"mine now"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Delete, $"/api/playbooks/{theirPlaybook}?companyId={mine}", myToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.PostJsonAsync($"/api/playbooks/{theirPlaybook}/clone?companyId={mine}", myToken, "{}")).StatusCode);

        var detail = await JsonAsync(await fixture.GetAsync($"/api/playbooks/{theirPlaybook}?companyId={theirs}", theirToken));
        Assert.NotEqual("mine now", detail.GetProperty("name").GetString());
        Assert.Equal(3, await CountAsync(mine, myToken));
    }
}
