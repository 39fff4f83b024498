using Bunit;
using MudBlazor;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Studio;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class ToneFieldsTests(DemoCoreFixture demo, DemoCoreWithModelFixture withModel)
    : MudTestContext, IClassFixture<DemoCoreFixture>, IClassFixture<DemoCoreWithModelFixture>
{
    private readonly PlaybookDraft _draft = new()
    {
        Name = "Tones",
        Type = PlaybookType.Upsell,
        Steps =
        [
            new StepDraft { Id = 1, Title = "Mine", Body = "My first copy" },
            new StepDraft { Id = 2, Title = "Mine too", Body = "My second copy", Purpose = StepPurpose.BenefitsFollowUp },
        ],
    };

    [Fact]
    public void DecliningTheRedraftKeepsTheToneAndTheCopy()
    {
        var (popovers, dialogs, cut) = RenderFields(demo.Core);

        Pick(popovers, ToneSelect(cut), "Hype");
        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("Redraft all 2 steps in the hype tone? Your current copy will be replaced.", dialog.TextContent);
        dialog.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Keep my copy").Click();

        cut.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(MessageTone.Friendly, _draft.Tone);
        Assert.Equal(["Mine", "Mine too"], _draft.Steps.Select(s => s.Title));
        cut.WaitForAssertion(() => Assert.Equal("Friendly", ToneSelect(cut)().QuerySelector("input")!.GetAttribute("value")));
    }

    [Fact]
    public void AcceptingTheRedraftRewritesEveryStepForItsPurposeInTheNewTone()
    {
        var (popovers, dialogs, cut) = RenderFields(demo.Core);

        Pick(popovers, ToneSelect(cut), "Expert");
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Redraft").Click();

        cut.WaitForAssertion(() => Assert.Equal(MessageTone.Expert, _draft.Tone));
        Assert.Equal(DraftLibrary.Copy(StepPurpose.UpgradePitch, MessageTone.Expert).Title, _draft.Steps[0].Title);
        Assert.Equal(DraftLibrary.Copy(StepPurpose.BenefitsFollowUp, MessageTone.Expert).Body, _draft.Steps[1].Body);
        Assert.Equal("{{ checkout_url }}", _draft.Steps[1].CtaUrl);
        cut.WaitForAssertion(() => Assert.Equal("Library", cut.Find("[data-testid=redraft-result] [data-testid=draft-source]").TextContent.Trim()));
    }

    [Fact]
    public void ACustomToneWithoutAModelFallsBackToTheNearestToneAndSaysSo()
    {
        var (popovers, dialogs, cut) = RenderFields(demo.Core);

        Pick(popovers, ToneSelect(cut), "Custom");
        cut.WaitForElement("textarea[data-testid=playbook-custom-tone]").Input("Short and to the point, no emoji");
        cut.Find("button[data-testid=redraft-steps]").Click();
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Redraft").Click();

        cut.WaitForAssertion(() => Assert.Contains("nearest built-in tone (minimal)", cut.Find("[data-testid=redraft-result]").TextContent));
        Assert.Equal((MessageTone.Custom, "Short and to the point, no emoji"), (_draft.Tone, _draft.CustomTone));
        Assert.Equal(DraftLibrary.Copy(StepPurpose.UpgradePitch, MessageTone.Minimal).Title, _draft.Steps[0].Title);
    }

    [Fact]
    public void WithAModelTheRedraftedStepsAreAiDrafts()
    {
        var (popovers, dialogs, cut) = RenderFields(withModel.Core);

        Pick(popovers, ToneSelect(cut), "Minimal");
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Redraft").Click();

        cut.WaitForAssertion(() => Assert.Equal("AI draft", cut.Find("[data-testid=redraft-result] [data-testid=draft-source]").TextContent.Trim()));
        Assert.Equal(MessageTone.Minimal, _draft.Tone);
        Assert.Equal(DraftLibrary.Copy(StepPurpose.BenefitsFollowUp, MessageTone.Minimal).Title, _draft.Steps[1].Title);
    }

    private (IRenderedComponent<MudPopoverProvider>, IRenderedComponent<MudDialogProvider>, IRenderedComponent<ToneFields>) RenderFields(CoreHost core)
    {
        UsePageServices(core);
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ToneFields>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")).Add(x => x.Draft, _draft));
        return (popovers, dialogs, cut);
    }

    private static Func<AngleSharp.Dom.IElement> ToneSelect(IRenderedComponent<ToneFields> cut) =>
        () => cut.Find("[data-testid=playbook-tone]").Closest(".mud-input-control")!.ParentElement!;
}
