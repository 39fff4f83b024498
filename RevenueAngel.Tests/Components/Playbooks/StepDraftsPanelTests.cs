using Bunit;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Studio;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class StepDraftsPanelTests(DemoCoreFixture demo, DemoCoreWithModelFixture withModel)
    : MudTestContext, IClassFixture<DemoCoreFixture>, IClassFixture<DemoCoreWithModelFixture>
{
    private readonly PlaybookDraft _draft = new()
    {
        Name = "Studio",
        Type = PlaybookType.Upsell,
        Steps = [new StepDraft { Id = 1, Title = "Mine", Body = "My own copy", CtaLabel = "Go", CtaUrl = "{{ checkout_url }}" }],
    };

    private IRenderedComponent<StepDraftsPanel> RenderPanel(CoreHost core)
    {
        UsePageServices(core);
        return Render<StepDraftsPanel>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")).Add(x => x.Draft, _draft).Add(x => x.StepIndex, 0));
    }

    [Fact]
    public void WithoutAModelThreeLibraryDraftsAppearWithTheirReasonAndPreview()
    {
        var cut = RenderPanel(demo.Core);

        cut.Find("button[data-testid=draft-variants]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=draft-card]").Count));
        Assert.All(cut.FindAll("[data-testid=draft-source]"), chip => Assert.Equal("Library", chip.TextContent.Trim()));
        Assert.All(cut.FindAll("[data-testid=draft-reason]"), reason => Assert.Contains(MessageDrafter.NoModel, reason.TextContent));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=draft-card] [data-testid=preview-title]").Count));
        Assert.DoesNotContain("{{", cut.FindAll("[data-testid=draft-card] [data-testid=preview-title]")[0].TextContent);
        Assert.Equal("Mine", _draft.Steps[0].Title);
    }

    [Fact]
    public void UsingTwoSelectedDraftsMakesTheStepsCopyAndOneVariantSplittingTheShares()
    {
        var cut = RenderPanel(demo.Core);
        cut.Find("button[data-testid=draft-variants]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=draft-card]").Count));
        var expected = DraftLibrary.Drafts(StudioRequests.For(_draft, 0, 3), MessageDrafter.NoModel);

        cut.FindAll("input[data-testid=draft-select]")[0].Change(true);
        cut.FindAll("input[data-testid=draft-select]")[2].Change(true);
        cut.WaitForAssertion(() => Assert.Contains("A 50% · B 50%", cut.Find("[data-testid=use-drafts-hint]").TextContent));
        cut.Find("button[data-testid=use-drafts]").Click();

        var step = _draft.Steps[0];
        Assert.Equal((expected[0].Title, expected[0].Body, expected[0].CtaLabel, expected[0].CtaUrl), (step.Title, step.Body, step.CtaLabel, step.CtaUrl));
        var variant = Assert.Single(step.Variants);
        Assert.Equal((expected[2].Title, expected[2].Body), (variant.Title, variant.Body));
        Assert.Equal(100, step.Percent + variant.Percent);
        Assert.Empty(cut.FindAll("[data-testid=draft-card]"));
    }

    [Fact]
    public void TestingTonesDraftsOneMessagePerToneAndAllFourFitAsAnABTest()
    {
        var cut = RenderPanel(demo.Core);

        cut.Find("button[data-testid=test-tones]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=draft-card]").Count));
        Assert.Equal(["Friendly", "Expert", "Hype", "Minimal"], cut.FindAll("[data-testid=draft-tone]").Select(t => t.TextContent.Trim()));
        for (var i = 0; i < 4; i++)
        {
            cut.FindAll("input[data-testid=draft-select]")[i].Change(true);
            cut.WaitForAssertion(() => Assert.Equal(i + 1, cut.FindAll("input[data-testid=draft-select]").Count(c => c.HasAttribute("checked"))));
        }
        cut.WaitForAssertion(() => Assert.Contains("A 25% · B 25% · C 25% · D 25%", cut.Find("[data-testid=use-drafts-hint]").TextContent));
        cut.Find("button[data-testid=use-drafts]").Click();

        var step = _draft.Steps[0];
        Assert.Equal(3, step.Variants.Count);
        Assert.Equal([25, 25, 25, 25], [step.Percent, .. step.Variants.Select(v => v.Percent)]);
        Assert.Equal(DraftLibrary.Copy(StepPurpose.UpgradePitch, MessageTone.Minimal).Title, step.Variants[2].Title);
    }

    [Fact]
    public void AModelWritingThreeAlikeDraftsStillShowsThreeAiDrafts()
    {
        var copy = DraftLibrary.Copy(StepPurpose.UpgradePitch, MessageTone.Friendly);
        var same = new { title = copy.Title, body = copy.Body, cta_label = copy.CtaLabel };
        withModel.ModelServer.Model.Enqueue(new FakeModelReply(200, System.Text.Json.JsonSerializer.Serialize(new { drafts = new[] { same, same, same } })));
        var cut = RenderPanel(withModel.Core);

        cut.Find("button[data-testid=draft-variants]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=draft-card]").Count));
        Assert.All(cut.FindAll("[data-testid=draft-source]"), chip => Assert.Equal("AI draft", chip.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=draft-reason]"));
    }

    [Fact]
    public async Task CancelingWhileTheModelIsSlowLeavesTheStepUnchanged()
    {
        var model = withModel.ModelServer.Model;
        var requestsBefore = model.Requests.Count;
        model.Enqueue(new FakeModelReply(200, "{\"drafts\": []}", TimeSpan.FromSeconds(60)));
        var cut = RenderPanel(withModel.Core);

        cut.Find("button[data-testid=draft-variants]").Click();
        cut.WaitForElement("button[data-testid=cancel-drafting]");
        Assert.True(cut.Find("button[data-testid=draft-variants]").HasAttribute("disabled"));
        Assert.True(cut.Find("button[data-testid=test-tones]").HasAttribute("disabled"));
        // The model answers no render, so its side is polled: the request is out and pending when the creator cancels.
        for (var i = 0; i < 100 && model.Requests.Count == requestsBefore; i++) await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        Assert.True(model.Requests.Count > requestsBefore);
        cut.Find("button[data-testid=cancel-drafting]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=drafting-progress]")));
        Assert.False(cut.Find("button[data-testid=draft-variants]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=draft-card]"));
        Assert.Equal(("Mine", "My own copy", 100), (_draft.Steps[0].Title, _draft.Steps[0].Body, _draft.Steps[0].Percent));
        Assert.Empty(_draft.Steps[0].Variants);
    }
}
