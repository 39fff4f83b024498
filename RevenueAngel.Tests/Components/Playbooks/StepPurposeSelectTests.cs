using Bunit;
using MudBlazor;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Studio;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class StepPurposeSelectTests : MudTestContext
{
    private readonly PlaybookDraft _draft = new() { Type = PlaybookType.Upsell, Steps = [new StepDraft(), new StepDraft()] };

    [Fact]
    public void AStepWithoutAPurposeShowsItsPositionsDefaultAndPickingOneSetsIt()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<StepPurposeSelect>(p => p.Add(x => x.Draft, _draft).Add(x => x.StepIndex, 1));
        Func<AngleSharp.Dom.IElement> select = () => cut.Find("[data-testid=step-purpose]").Closest(".mud-input-control")!.ParentElement!;
        Assert.Equal("Benefits follow-up", select().QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("Default for this step", cut.Markup);

        Pick(popovers, select, "Upgrade pitch");

        Assert.Equal(StepPurpose.UpgradePitch, _draft.Steps[1].Purpose);
        cut.WaitForAssertion(() => Assert.DoesNotContain("Default for this step", cut.Markup));
    }

    [Fact]
    public void OnlyTheModulesPurposesAreOffered()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<StepPurposeSelect>(p => p.Add(x => x.Draft, _draft).Add(x => x.StepIndex, 0));

        cut.Find("[data-testid=step-purpose]").Closest(".mud-input-control")!.ParentElement!.QuerySelector("div.mud-input-control")!.MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(
            StepPurposes.For(PlaybookType.Upsell).Select(StepPurposes.Name),
            popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
    }
}
