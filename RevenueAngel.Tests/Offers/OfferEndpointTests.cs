using System.Net;
using System.Text.Json;
using RevenueAngel.Core.Offers;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// Admins read their company's offers, and the Whop calls each made, over REST; nobody reads another company's.
public sealed class OfferEndpointTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    [Fact]
    public async Task AdminsListTheirOffersByStatusAndKind()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var pause = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14));
        var freeDays = await scenario.OfferAsync(1, new OfferTerms(OfferKind.FreeDays, Days: 5));
        await scenario.AcceptAsync(0, pause.Token);
        var token = fixture.AdminTokenFor(scenario.CompanyId);

        var all = await JsonAsync(await fixture.GetAsync($"/api/offers?companyId={scenario.CompanyId}", token));
        var accepted = await JsonAsync(await fixture.GetAsync($"/api/offers?companyId={scenario.CompanyId}&status=accepted", token));
        var byKind = await JsonAsync(await fixture.GetAsync($"/api/offers?companyId={scenario.CompanyId}&kind=free_days", token));

        Assert.Equal([freeDays.Id, pause.Id], all.EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
        var only = Assert.Single(accepted.EnumerateArray());
        Assert.Equal(pause.Id, only.GetProperty("id").GetInt64());
        Assert.Equal("pause", only.GetProperty("kind").GetString());
        Assert.Equal(14, only.GetProperty("pauseDays").GetInt32());
        Assert.Equal(freeDays.Id, Assert.Single(byKind.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.DoesNotContain("token", all.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnOffersDetailListsItsWhopCalls()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 5));
        await scenario.AcceptAsync(0, offer.Token);

        var detail = await JsonAsync(await fixture.GetAsync($"/api/offers/{offer.Id}?companyId={scenario.CompanyId}", fixture.AdminTokenFor(scenario.CompanyId)));

        Assert.Equal("accepted", detail.GetProperty("offer").GetProperty("status").GetString());
        Assert.Equal(["get_membership", "add_free_days"], detail.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("operation").GetString()));
        Assert.All(detail.GetProperty("calls").EnumerateArray(), c => Assert.True(c.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public async Task AnotherCompanysOfferIsNotFoundAndItsListForbidden()
    {
        var mine = await OfferScenario.CreateAsync(fixture);
        var theirs = await OfferScenario.CreateAsync(fixture);
        var theirOffer = await theirs.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14));
        var myToken = fixture.AdminTokenFor(mine.CompanyId);

        var detail = await fixture.GetAsync($"/api/offers/{theirOffer.Id}?companyId={mine.CompanyId}", myToken);
        var list = await fixture.GetAsync($"/api/offers?companyId={theirs.CompanyId}", myToken);
        var anonymous = await fixture.GetAsync($"/api/offers?companyId={mine.CompanyId}", token: null);

        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty((await JsonAsync(await fixture.GetAsync($"/api/offers?companyId={mine.CompanyId}", myToken))).EnumerateArray());
    }

    [Fact]
    public async Task AnUnknownFilterIsAValidationProblem()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);

        var response = await fixture.GetAsync($"/api/offers?companyId={scenario.CompanyId}&status=won&kind=refund", fixture.AdminTokenFor(scenario.CompanyId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
    }
}
