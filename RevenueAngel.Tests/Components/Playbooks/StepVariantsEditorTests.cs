using RevenueAngel.Core.Companies;
using Bunit;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class StepVariantsEditorTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly PlaybookDraft _draft = new()
    {
        Name = "Variants",
        Steps = [new StepDraft { Id = 1, Title = "Hi {{ first_name }}", Body = "Go Pro", CtaLabel = "Upgrade", CtaUrl = "{{ checkout_url }}" }],
    };

    public StepVariantsEditorTests(DemoCoreFixture demo) => UsePageServices(demo.Core);

    private IRenderedComponent<StepVariantsEditor> RenderEditor(EditorProblems? problems = null) =>
        Render<StepVariantsEditor>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")).Add(x => x.Draft, _draft).Add(x => x.StepIndex, 0).Add(x => x.Problems, problems ?? EditorProblems.None));

    [Fact]
    public void AddingAVariantCopiesTheStepsMessageAndTakesHalfOfAsShare()
    {
        var cut = RenderEditor();

        cut.Find("button[data-testid=add-variant]").Click();

        var variant = Assert.Single(_draft.Steps[0].Variants);
        Assert.Equal((50, 50, "Hi {{ first_name }}", "Upgrade"), (_draft.Steps[0].Percent, variant.Percent, variant.Title, variant.CtaLabel));
        Assert.Single(cut.FindAll("[data-testid=variant]"));
        Assert.Equal("A 50% · B 50%", cut.Find("[data-testid=split-summary]").TextContent);
    }

    [Fact]
    public void EditingAVariantsFieldsAndShareWritesTheDraftAndASplitOff100IsShown()
    {
        var cut = RenderEditor();
        cut.Find("button[data-testid=add-variant]").Click();

        cut.Find("[data-testid=variant] input[data-testid=variant-title], [data-testid=variant] [data-testid=variant-title] input").Input("B copy");
        cut.Find("[data-testid=split-variant] input[type=range]").Input("30");

        Assert.Equal(("B copy", 30), (_draft.Steps[0].Variants[0].Title, _draft.Steps[0].Variants[0].Percent));
        cut.WaitForAssertion(() => Assert.Equal("A 50% · B 30% (adds up to 80%, needs 100%)", cut.Find("[data-testid=split-summary]").TextContent));
    }

    [Fact]
    public void RemovingAVariantGivesItsShareBackToA()
    {
        var cut = RenderEditor();
        cut.Find("button[data-testid=add-variant]").Click();
        cut.Find("button[data-testid=add-variant]").Click();

        cut.FindAll("button[data-testid=variant-remove]")[0].Click();

        Assert.Equal((75, 1), (_draft.Steps[0].Percent, _draft.Steps[0].Variants.Count));
        Assert.Equal(25, _draft.Steps[0].Variants[0].Percent);
    }

    [Fact]
    public void AVariantsSaveProblemsShowNextToItsFields()
    {
        _draft.Steps[0].Percent = 60;
        _draft.Steps[0].Variants.Add(new StepVariantDraft { Key = "B", Percent = 30, Title = "B", Body = "x\n{{ nope }}" });
        var problems = new EditorProblems(new Dictionary<string, string[]>
        {
            ["steps[0].split"] = ["The split adds up to 90%; A and the variants must add up to 100%."],
            ["steps[0].variants[0].body"] = ["Line 2: Unknown variable 'nope'."],
        });

        var cut = RenderEditor(problems);

        Assert.Contains("The split adds up to 90%", cut.Find("[data-testid=split-a]").TextContent);
        Assert.Contains("Line 2: Unknown variable 'nope'.", cut.Find("[data-testid=variant]").TextContent);
        Assert.Equal("Step 1 · variant 1 · body", EditorProblems.Describe("steps[0].variants[0].body"));
    }

    [Fact]
    public void EachVariantPreviewsItsOwnCopy()
    {
        _draft.Steps[0].Percent = 50;
        _draft.Steps[0].Variants.Add(new StepVariantDraft { Key = "B", Percent = 50, Title = "B for {{ first_name }}", Body = "Variant body" });

        var cut = RenderEditor();

        cut.WaitForAssertion(() => Assert.StartsWith("B for ", cut.Find("[data-testid=variant] [data-testid=preview-title]").TextContent));
        Assert.Equal("Variant body", cut.Find("[data-testid=variant] [data-testid=preview-body]").TextContent);
    }
}
