using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Email;

/// A step's A/B test over REST: its variants (each email variant with its own preheader) are created, shown, kept by a
/// patch that does not touch the steps, and changed by one that does.
public sealed class StepVariantEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task VariantsRoundTripAndAPatchOfOtherFieldsKeepsThem()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        company.AddMember(1);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);
        var longBody = "Hi {{ first_name }},\n\n" + string.Concat(Enumerable.Repeat("A longer paragraph than a push could carry. ", 20));
        var body = JsonSerializer.Serialize(new
        {
            name = "Welcome test", type = "nurture",
            steps = new object[]
            {
                new
                {
                    delayMinutes = 0, channel = "email", title = "Welcome, {{ first_name }}", preheader = "Start here", body = longBody, percent = 50,
                    variants = new[] { new { percent = 50, title = "Your first week", preheader = "Three things to try", body = longBody } },
                },
            },
        });

        var created = await fixture.PostJsonAsync($"/api/playbooks?companyId={company.CompanyId}", token, body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var playbook = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var id = playbook.GetProperty("id").GetInt64();
        var step = playbook.GetProperty("steps")[0];
        Assert.Equal(50, step.GetProperty("percent").GetInt32());
        var variant = Assert.Single(step.GetProperty("variants").EnumerateArray());
        Assert.Equal(("B", 50, "Your first week", "Three things to try"), (variant.GetProperty("key").GetString(), variant.GetProperty("percent").GetInt32(),
            variant.GetProperty("title").GetString(), variant.GetProperty("preheader").GetString()));

        var renamed = await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{id}?companyId={company.CompanyId}", token, """{"name":"Renamed","priority":30}""");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var kept = JsonDocument.Parse(await renamed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("steps")[0];
        Assert.Equal(("B", "Three things to try"),
            (kept.GetProperty("variants")[0].GetProperty("key").GetString(), kept.GetProperty("variants")[0].GetProperty("preheader").GetString()));

        var stepId = kept.GetProperty("id").GetInt64();
        var changed = await fixture.SendAsync(HttpMethod.Patch, $"/api/playbooks/{id}?companyId={company.CompanyId}", token, JsonSerializer.Serialize(new
        {
            steps = new[]
            {
                new
                {
                    id = stepId, delayMinutes = 0, channel = "email", title = "Welcome, {{ first_name }}", body = longBody, percent = 60,
                    variants = new[] { new { key = "B", percent = 40, title = "Your first week", preheader = "{{ frist_name }}", body = longBody } },
                },
            },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains("steps[0].variants[0].preheader", await changed.Content.ReadAsStringAsync(Ct));
    }
}
