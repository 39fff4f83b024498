using Bunit;
using MudBlazor;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Components;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Offers;

/// The editor's offer fields for a ChurnSave step: picking a kind sets its terms, and the value field follows the kind.
public sealed class StepOfferFieldsTests(OfferPageFixture fixture) : MudTestContext, IClassFixture<OfferPageFixture>
{
    [Fact]
    public async Task PickingAnOfferSetsTheStepsTermsAndItsValue()
    {
        var scenario = await OfferScenario.CreateAsync(fixture.World, members: 1);
        UsePageServices(fixture.Core);
        var step = new StepDraft();
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<StepOfferFields>(p => p.Add(x => x.Company, scenario.Scope).Add(x => x.Step, step));
        Func<AngleSharp.Dom.IElement> kind = () => cut.Find("[data-testid=step-offer-kind]").Closest(".mud-input-control")!.ParentElement!;

        Pick(popovers, kind, "Pause the membership");
        cut.WaitForAssertion(() => cut.Find("[data-testid=step-offer-days]"));
        Assert.Equal(new OfferTerms(OfferKind.Pause, Days: 30), step.Offer);
        cut.Find("input[data-testid=step-offer-days]").Change("14");
        Assert.Equal(new OfferTerms(OfferKind.Pause, Days: 14), step.Offer);

        Pick(popovers, kind, "Downgrade to a cheaper plan");
        cut.WaitForAssertion(() => cut.Find("[data-testid=step-offer-plan]"));
        Assert.Empty(cut.FindAll("[data-testid=step-offer-days]"));
        Pick(popovers, () => cut.Find("[data-testid=step-offer-plan]").Closest(".mud-input-control")!.ParentElement!, "Basic · $19.99");
        Assert.Equal(new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId), step.Offer);

        Pick(popovers, kind, "No offer");
        Assert.Null(step.Offer);
    }

    [Fact]
    public async Task TheEditorShowsOfferFieldsForChurnSaveStepsOnly()
    {
        var scenario = await OfferScenario.CreateAsync(fixture.World, members: 1);
        UsePageServices(fixture.Core);
        PlaybookDraft Draft(PlaybookType type) => new() { Type = type, Steps = [new StepDraft()] };

        var save = Render<StepEditor>(p => p.Add(x => x.Company, scenario.Scope).Add(x => x.Draft, Draft(PlaybookType.ChurnSave)).Add(x => x.StepIndex, 0));
        var upsell = Render<StepEditor>(p => p.Add(x => x.Company, scenario.Scope).Add(x => x.Draft, Draft(PlaybookType.Upsell)).Add(x => x.StepIndex, 0));

        save.WaitForAssertion(() => save.Find("[data-testid=step-offer]"));
        Assert.Empty(upsell.FindAll("[data-testid=step-offer]"));
    }
}
