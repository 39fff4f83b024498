using Bunit;
using MudBlazor;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Components;
using RevenueAngel.Web.Components.Playbooks.Editor;

namespace RevenueAngel.Tests.Offers;

/// The editor's reason routes for a cancel-save playbook: one offer per Whop cancellation reason, shown only where they apply.
public sealed class CancelOfferRouteFieldsTests(OfferPageFixture fixture) : MudTestContext, IClassFixture<OfferPageFixture>
{
    [Fact]
    public async Task EachReasonGetsItsOwnOfferAndClearingOneRemovesItsRoute()
    {
        var scenario = await OfferScenario.CreateAsync(fixture.World, members: 1);
        UsePageServices(fixture.Core);
        var draft = new PlaybookDraft { Type = PlaybookType.ChurnSave, Trigger = PlaybookTrigger.CancelRequested };
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<CancelOfferRouteFields>(p => p.Add(x => x.Company, scenario.Scope).Add(x => x.Draft, draft));
        Func<AngleSharp.Dom.IElement> Kind(string reason) => () => cut.Find($"[data-testid=route-{reason}-kind]").Closest(".mud-input-control")!.ParentElement!;

        Assert.Equal(CancelOptions.All.Select(o => o.Label), cut.FindAll(".ra-route-reason").Select(e => e.TextContent.Trim()));

        Pick(popovers, Kind("too_expensive"), "Discount at next renewal");
        cut.WaitForAssertion(() => cut.Find("input[data-testid=route-too_expensive-percent]"));
        cut.Find("input[data-testid=route-too_expensive-percent]").Change("25");
        Pick(popovers, Kind("missing_features"), "Pause the membership");
        Pick(popovers, Kind("other"), "Free days");

        Assert.Equal(new Dictionary<string, OfferTerms>
        {
            ["too_expensive"] = new(OfferKind.Discount, Percent: 25),
            ["missing_features"] = new(OfferKind.Pause, Days: 30),
            ["other"] = new(OfferKind.FreeDays, Days: 7),
        }, draft.CancelOfferRoutes);
        Assert.Equal(new OfferTerms(OfferKind.FreeDays, Days: 7), CancelOfferRoutes.For(draft.CancelOfferRoutes, "switching"));

        Pick(popovers, Kind("missing_features"), "As for \"Something else\"");
        Assert.False(draft.CancelOfferRoutes.ContainsKey("missing_features"));
    }

    [Fact]
    public async Task TheRoutesShowForCancelRequestedPlaybooksOnly()
    {
        var scenario = await OfferScenario.CreateAsync(fixture.World, members: 1);
        UsePageServices(fixture.Core);
        IRenderedComponent<DeliveryFields> Delivery(PlaybookTrigger trigger) => Render<DeliveryFields>(p => p
            .Add(x => x.Company, scenario.Scope).Add(x => x.Draft, new PlaybookDraft { Type = PlaybookType.ChurnSave, Trigger = trigger }));

        Assert.NotEmpty(Delivery(PlaybookTrigger.CancelRequested).FindAll("[data-testid=cancel-offer-routes]"));
        Assert.Empty(Delivery(PlaybookTrigger.PaymentFailed).FindAll("[data-testid=cancel-offer-routes]"));
    }
}
