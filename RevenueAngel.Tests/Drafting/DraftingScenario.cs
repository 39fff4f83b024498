using System.Text.Json;
using System.Text.Json.Nodes;
using RevenueAngel.Core.Companies;
using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Drafting;

/// A freshly installed and synced company for one test (its own AI budget), and helpers to script the model.
internal static class DraftingScenario
{
    public static async Task<(FakeWhopBuilder Company, string Token)> InstalledCompanyAsync(DraftingAppFixture fixture, CancellationToken ct)
    {
        fixture.Model.Model.Reset();
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        for (var i = 1; i <= 3; i++) company.AddMember(i);
        var token = fixture.AdminTokenFor(company.CompanyId);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", token);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, ct);
        return (company, token);
    }

    public static FakeModelReply Drafts(params (string Title, string Body, string Cta)[] drafts) =>
        new(200, JsonSerializer.Serialize(new { drafts = drafts.Select(d => new { title = d.Title, body = d.Body, cta_label = d.Cta }) }));

    public static string UserPrompt(JsonObject request) =>
        string.Join("\n", request["messages"]!.AsArray().Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>()));

    public static string SystemPrompt(JsonObject request) =>
        request["messages"]!.AsArray().First(m => m!["role"]!.GetValue<string>() == "system")!["content"]!.GetValue<string>();
}
