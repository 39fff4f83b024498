using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class TemplateEditorTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private static readonly TimeSpan PreviewWait = TimeSpan.FromSeconds(10);
    private readonly DemoCoreFixture _demo;

    public TemplateEditorTests(DemoCoreFixture demo)
    {
        _demo = demo;
        UsePageServices(demo.Core);
    }

    [Fact]
    public async Task PickingAVariableInsertsItIntoTheBodyAndThePreviewFillsItForARealMember()
    {
        var firstMember = await FirstMemberLabelAsync();
        var popovers = Render<MudPopoverProvider>();
        var draft = Draft("Hello", "Hi");
        var cut = RenderEditor(draft);

        cut.Find("[data-testid=insert-variable-body] button").Click();
        popovers.WaitForElement("[data-testid=variable-first_name]").Click();

        Assert.Equal("Hi {{ first_name }}", draft.Steps[0].Body);
        Assert.Equal("Hi {{ first_name }}", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        cut.WaitForAssertion(() => Assert.Equal($"For {firstMember}", cut.Find("[data-testid=preview-subject]").TextContent), PreviewWait);
        var body = cut.Find("[data-testid=preview-body]").TextContent;
        Assert.StartsWith("Hi ", body);
        Assert.DoesNotContain("{{", body);
    }

    [Fact]
    public void AnUnknownVariableShowsItsLineAndNameInThePreview()
    {
        var cut = RenderEditor(Draft("Hello", "Welcome!\n{{ frist_name }}, glad you are here."));

        cut.WaitForAssertion(() => Assert.Contains("line 2", cut.Find("[data-testid=preview-error]").TextContent), PreviewWait);
        Assert.Contains("Unknown variable 'frist_name'", cut.Find("[data-testid=preview-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=preview-body]"));
    }

    [Fact]
    public void EditingTheTitleRendersThePreviewAgain()
    {
        var cut = RenderEditor(Draft("Old title", "Body"));
        cut.WaitForAssertion(() => Assert.Equal("Old title", cut.Find("[data-testid=preview-title]").TextContent), PreviewWait);

        cut.Find("input").Input("{{ community_name }} news");

        cut.WaitForAssertion(() => Assert.Equal("Demo Community news", cut.Find("[data-testid=preview-title]").TextContent), PreviewWait);
    }

    private static PlaybookDraft Draft(string title, string body) => new() { Name = "Preview", Steps = [new StepDraft { Title = title, Body = body }] };

    private IRenderedComponent<TemplateEditor> RenderEditor(PlaybookDraft draft) => Render<TemplateEditor>(p => p
        .Add(x => x.Company, new CompanyScope("biz_demo"))
        .Add(x => x.Draft, draft)
        .Add(x => x.StepIndex, 0));

    private async Task<string> FirstMemberLabelAsync()
    {
        await using var db = _demo.Core.CreateDbContext();
        return await db.Members.Where(m => m.CompanyId == "biz_demo").OrderBy(m => m.Id)
            .Select(m => m.Name ?? m.Username ?? m.WhopUserId).FirstAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
