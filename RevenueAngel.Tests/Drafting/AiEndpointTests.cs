using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Playbooks;
using static RevenueAngel.Tests.Drafting.DraftingScenario;

namespace RevenueAngel.Tests.Drafting;

public sealed class AiEndpointTests(DraftingAppFixture fixture) : IClassFixture<DraftingAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task DraftsForAPlaybooksStepTakeItsModulePurposeAndToneAndComeFromTheModel()
    {
        var (company, token) = await InstalledCompanyAsync(fixture, Ct);
        var recovery = (await fixture.Get<PlaybookCatalog>().ListAsync(company.CompanyId, Ct)).Single(p => p.Type == PlaybookType.ChurnSave).Id;

        var response = await fixture.PostJsonAsync($"/api/ai/drafts?companyId={company.CompanyId}", token,
            $$"""{"playbookId":{{recovery}},"stepIndex":1,"variants":2,"tone":"minimal"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var drafts = (await JsonAsync(response)).GetProperty("drafts").EnumerateArray().ToList();
        Assert.Equal(2, drafts.Count);
        Assert.All(drafts, d => Assert.Equal(("model", "{{ update_payment_url }}"), (d.GetProperty("source").GetString(), d.GetProperty("ctaUrl").GetString())));
        var prompt = UserPrompt(Assert.Single(fixture.Model.Model.Requests));
        Assert.Contains("Step: Pause or downgrade offer.", prompt);
        Assert.Contains("1. Tone: minimal", prompt);
        Assert.Contains("Channel: direct message", prompt);
    }

    [Fact]
    public async Task BadDraftRequestsSayWhatIsWrongAndAnotherCompanysPlaybookIsNotFound()
    {
        var (company, token) = await InstalledCompanyAsync(fixture, Ct);
        var (other, _) = await InstalledCompanyAsync(fixture, Ct);
        var theirs = (await fixture.Get<PlaybookCatalog>().ListAsync(other.CompanyId, Ct)).First().Id;
        var url = $"/api/ai/drafts?companyId={company.CompanyId}";

        var mismatch = await fixture.PostJsonAsync(url, token, """{"module":"nurture","purpose":"update_payment"}""");
        var variants = await fixture.PostJsonAsync(url, token, """{"module":"upsell","purpose":"upgrade_pitch","variants":9}""");
        var custom = await fixture.PostJsonAsync(url, token, """{"module":"upsell","purpose":"upgrade_pitch","tone":"custom"}""");
        var foreign = await fixture.PostJsonAsync(url, token, $$"""{"playbookId":{{theirs}},"stepIndex":0}""");
        var otherCompany = await fixture.PostJsonAsync($"/api/ai/drafts?companyId={other.CompanyId}", token, """{"module":"upsell","purpose":"upgrade_pitch"}""");

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("welcome, reminder, social_proof, final_incentive", (await JsonAsync(mismatch)).GetProperty("errors").GetProperty("purpose")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, variants.StatusCode);
        Assert.True((await JsonAsync(variants)).GetProperty("errors").TryGetProperty("variants", out _));
        Assert.Equal(HttpStatusCode.BadRequest, custom.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherCompany.StatusCode);
        Assert.Empty(fixture.Model.Model.Requests);
    }

    [Fact]
    public async Task AGoalBecomesAPlaybookBodyThatPostPlaybooksAcceptsAsItIs()
    {
        var (company, token) = await InstalledCompanyAsync(fixture, Ct);

        var proposed = await fixture.PostJsonAsync($"/api/ai/playbooks?companyId={company.CompanyId}", token,
            """{"goal":"Win back members whose card failed"}""");

        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var body = await JsonAsync(proposed);
        Assert.Equal(("model", "churnsave"), (body.GetProperty("source").GetString(), body.GetProperty("type").GetString()));
        var created = await fixture.PostJsonAsync($"/api/playbooks?companyId={company.CompanyId}", token, body.GetRawText());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await JsonAsync(created);
        Assert.False(saved.GetProperty("enabled").GetBoolean());

        var empty = await fixture.PostJsonAsync($"/api/ai/playbooks?companyId={company.CompanyId}", token, """{"goal":" "}""");
        var tooLong = await fixture.PostJsonAsync($"/api/ai/playbooks?companyId={company.CompanyId}", token, JsonSerializer.Serialize(new { goal = new string('g', 501) }));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (empty.StatusCode, tooLong.StatusCode));
    }

    [Fact]
    public async Task StatusSaysAModelIsConfiguredAndWhatIsLeftOfTheMinute()
    {
        var (company, token) = await InstalledCompanyAsync(fixture, Ct);
        await fixture.PostJsonAsync($"/api/ai/drafts?companyId={company.CompanyId}", token, """{"module":"upsell","purpose":"upgrade_pitch"}""");

        var status = await JsonAsync(await fixture.GetAsync($"/api/ai/status?companyId={company.CompanyId}", token));

        Assert.True(status.GetProperty("modelConfigured").GetBoolean());
        Assert.Equal("test/model-1", status.GetProperty("model").GetString());
        Assert.Equal(DraftingAppFixture.RequestsPerMinute - 1, status.GetProperty("remainingThisMinute").GetInt32());
        Assert.DoesNotContain(DraftingAppFixture.ApiKey, status.GetRawText());
    }
}
