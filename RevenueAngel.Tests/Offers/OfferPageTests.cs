using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Offers;
using RevenueAngel.Tests.Components;
using RevenueAngel.Web.Components.Pages.Experiences;

namespace RevenueAngel.Tests.Offers;

/// The member's offer page: the creator's words, one click to accept, and a clear answer however it is used.
public sealed class OfferPageTests(OfferPageFixture fixture) : MudTestContext, IClassFixture<OfferPageFixture>
{
    private OfferScenario _scenario = null!;

    private async Task<OfferScenario> StartAsync(int viewer = 0)
    {
        _scenario = await OfferScenario.CreateAsync(fixture.World);
        foreach (var member in _scenario.Members) fixture.Whop.Store.Grant(member.WhopUserId, _scenario.ExperienceId, "customer");
        Services.AddSingleton(fixture.Core.Get<OfferService>());
        UsePageServices(fixture.Core, _scenario.UserId(viewer));
        return _scenario;
    }

    private IRenderedComponent<OfferPage> Open(string token) =>
        Render<OfferPage>(p => p.Add(x => x.ExperienceId, _scenario.ExperienceId).Add(x => x.Token, token));

    [Fact]
    public async Task TheMemberSeesTheCreatorsWordsAndAcceptsWithOneClick()
    {
        var scenario = await StartAsync();
        var offer = await scenario.SentOfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14), "Need a breather, Member 1?", "Pause for two weeks and keep your spot.");

        var page = Open(offer.Token);
        page.WaitForAssertion(() => Assert.Equal("Need a breather, Member 1?", page.Find("[data-testid=offer-title]").TextContent));
        Assert.Equal("Pause for two weeks and keep your spot.", page.Find("[data-testid=offer-body]").TextContent);
        Assert.Contains("14 days", page.Find("[data-testid=offer-terms]").TextContent);

        page.Find("[data-testid=accept]").Click();

        // The class's tests share one clock, and some move it on: the date is counted from now.
        var until = fixture.Time.GetUtcNow().AddDays(14).ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);
        page.WaitForAssertion(() => Assert.Contains($"paused until {until}", page.Find("[data-testid=offer-accepted]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=accept]"));
        Assert.True(scenario.Memberships[0].Paused);
    }

    [Fact]
    public async Task ASecondTabSaysTheOfferWasAlreadyAccepted()
    {
        var scenario = await StartAsync();
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 30));
        var first = Open(offer.Token);
        var second = Open(offer.Token);
        first.WaitForAssertion(() => first.Find("[data-testid=accept]"));
        second.WaitForAssertion(() => second.Find("[data-testid=accept]"));

        first.Find("[data-testid=accept]").Click();
        first.WaitForAssertion(() => first.Find("[data-testid=promo-code]"));
        second.Find("[data-testid=accept]").Click();

        second.WaitForAssertion(() => Assert.Contains("You already accepted this offer.", second.Find("[data-testid=offer-accepted]").TextContent));
        Assert.Equal(first.Find("[data-testid=promo-code]").TextContent, second.Find("[data-testid=promo-code]").TextContent);
        Assert.Single(scenario.Deliveries("promo_code"));
    }

    [Fact]
    public async Task AnOfferThatExpiresWhileOpenSaysSoAndChangesNothing()
    {
        var scenario = await StartAsync();
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 5));
        var page = Open(offer.Token);
        page.WaitForAssertion(() => page.Find("[data-testid=accept]"));

        fixture.Time.Advance(TimeSpan.FromDays(8));
        page.Find("[data-testid=accept]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=offer-expired]"));
        Assert.Empty(page.FindAll("[data-testid=accept]"));
        Assert.Empty(scenario.Writes(0));
        var reopened = Open(offer.Token);
        reopened.WaitForAssertion(() => reopened.Find("[data-testid=offer-expired]"));
    }

    [Fact]
    public async Task DecliningAsksWhopsCancellationReasons()
    {
        var scenario = await StartAsync();
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 20));
        var page = Open(offer.Token);
        page.WaitForAssertion(() => page.Find("[data-testid=decline]"));

        page.Find("[data-testid=decline]").Click();
        Assert.Equal(CancelOptions.All.Count, page.FindAll("[data-testid=decline-form] input[type=radio]").Count);
        Assert.True(page.Find("[data-testid=decline-submit]").HasAttribute("disabled"));
        page.Find("input[data-testid=reason-too_expensive]").Click();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=decline-submit]").HasAttribute("disabled")));
        page.Find("[data-testid=decline-submit]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=offer-declined]"));
        Assert.Equal("too_expensive", (await scenario.DetailAsync(SavedId(offer))).Offer.DeclineReason);
        Assert.Empty(scenario.Deliveries("promo_code"));
    }

    [Fact]
    public async Task AnotherMembersTokenLooksLikeAnUnknownOne()
    {
        var scenario = await StartAsync(viewer: 1);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14));

        var theirs = Open(offer.Token);
        var unknown = Open(SaveOffer.NewToken());

        theirs.WaitForAssertion(() => theirs.Find("[data-testid=offer-not-found]"));
        unknown.WaitForAssertion(() => unknown.Find("[data-testid=offer-not-found]"));
        Assert.Equal(theirs.Find("[data-testid=offer-not-found]").TextContent, unknown.Find("[data-testid=offer-not-found]").TextContent);
        Assert.DoesNotContain("14 days", theirs.Markup);
    }

    [Fact]
    public async Task SomeoneWithoutAccessToTheExperienceSeesNoOffer()
    {
        var scenario = await StartAsync();
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14));
        fixture.Whop.Store.Grant(scenario.UserId(0), scenario.ExperienceId, "no_access");

        var page = Open(offer.Token);

        page.WaitForAssertion(() => page.Find("[data-testid=access-denied]"));
        Assert.DoesNotContain("14 days", page.Markup);
    }

    [Fact]
    public async Task ADowngradeLeadsToItsCheckout()
    {
        var scenario = await StartAsync();
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId));
        var page = Open(offer.Token);
        page.WaitForAssertion(() => Assert.Contains("Switch to Basic", page.Find("[data-testid=offer-terms]").TextContent));

        page.Find("[data-testid=accept]").Click();

        page.WaitForAssertion(() => Assert.StartsWith($"https://whop.com/checkout/{scenario.Whop.BasicPlanId}?session=",
            page.Find("[data-testid=checkout]").GetAttribute("href")));
    }

    private static long SavedId(CreatedOffer offer) => offer.Id;
}
