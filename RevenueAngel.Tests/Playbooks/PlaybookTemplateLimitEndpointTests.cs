using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Playbooks;

/// Templates past their limits, sent through the public API to the app on PostgreSQL: a 400 with the field, never a
/// 500 from the database or a host that runs out of memory.
public sealed class PlaybookTemplateLimitEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(string CompanyId, string Token)> InstalledCompanyAsync()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        company.AddMember(1);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        return (company.CompanyId, token);
    }

    private static string Playbook(string name, string title, string body, string? ctaUrl = null) => JsonSerializer.Serialize(new
    {
        name, type = "upsell", goal = "upgrade", targetRules = new { },
        steps = new[] { new { delayMinutes = 0, channel = "push", title, body, ctaLabel = ctaUrl is null ? null : "Go", ctaUrl } },
    });

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
    }

    private async Task<int> CountAsync(string companyId, string token) =>
        JsonDocument.Parse(await (await fixture.GetAsync($"/api/playbooks?companyId={companyId}", token)).Content.ReadAsStringAsync(Ct))
            .RootElement.GetArrayLength();

    [Fact]
    public async Task ASourceLongerThanItsColumnIsA400OfThatFieldAndNothingIsSaved()
    {
        var (companyId, token) = await InstalledCompanyAsync();
        var before = await CountAsync(companyId, token);

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token,
            Playbook("Long", new string('t', 201), new string('b', 4001), "https://whop.com/" + new string('u', 2000)));

        var errors = await ErrorsAsync(response);
        Assert.Contains("At most 200 characters", errors.GetProperty("steps[0].title")[0].GetString());
        Assert.Contains("At most 4,000 characters", errors.GetProperty("steps[0].body")[0].GetString());
        Assert.Contains("At most 2,000 characters", errors.GetProperty("steps[0].ctaUrl")[0].GetString());
        Assert.Equal(before, await CountAsync(companyId, token));
    }

    [Fact]
    public async Task TheTemplateBombIsA400SayingItRendersPastTheLimit()
    {
        var (companyId, token) = await InstalledCompanyAsync();
        var bomb = "{{ \"aaaaaaaaaa\"" + string.Concat(Enumerable.Repeat(" | replace: \"a\", \"aaaaaaaaaa\"", 9)) + " }}";

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token, Playbook("Bomb", "Hi", bomb));

        Assert.Contains("Renders more than 20,000 characters", (await ErrorsAsync(response)).GetProperty("steps[0].body")[0].GetString());
    }

    [Fact]
    public async Task APlaybookNameThatFillsItsColumnStillSavesItsSteps()
    {
        var (companyId, token) = await InstalledCompanyAsync();

        var response = await fixture.PostJsonAsync($"/api/playbooks?companyId={companyId}", token,
            Playbook(new string('n', 200), "Hi {{ first_name }}", "Body"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
