using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Email;

/// Over REST an email step keeps the playbook's one shape: `channel: email`, title = subject, body = Markdown, optional preheader.
public sealed class EmailStepEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEmailStepWithAPreheaderAndAPushElseEmailStepRoundTripAndAnUnknownVariableInThePreheaderIsRefused()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        company.AddMember(1);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        const string body = """
            { "name": "Welcome by email", "type": "nurture",
              "steps": [
                { "delayMinutes": 0, "channel": "email", "title": "Welcome to {{ community_name }}", "preheader": "Start here, {{ first_name }}",
                  "body": "Hi {{ first_name }},\n\n**Start** with the intro." },
                { "delayMinutes": 60, "channel": "push", "fallbackChannel": "email", "title": "Day two", "body": "Say hi in the chat." } ] }
            """;

        var created = await fixture.PostJsonAsync($"/api/playbooks?companyId={company.CompanyId}", token, body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var steps = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(("email", "Start here, {{ first_name }}"), (steps[0].GetProperty("channel").GetString(), steps[0].GetProperty("preheader").GetString()));
        Assert.Equal(("push", "email"), (steps[1].GetProperty("channel").GetString(), steps[1].GetProperty("fallbackChannel").GetString()));

        var refused = await fixture.PostJsonAsync($"/api/playbooks?companyId={company.CompanyId}", token,
            body.Replace("Start here, {{ first_name }}", "{{ frist_name }}"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("frist_name", await refused.Content.ReadAsStringAsync(Ct));
    }
}
