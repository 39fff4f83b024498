using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Playbooks;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class PlaybookEditorPageTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private static readonly TimeSpan Debounced = TimeSpan.FromSeconds(10);
    private readonly DemoCoreFixture _demo;
    private readonly PlaybookCatalog _catalog;

    public PlaybookEditorPageTests(DemoCoreFixture demo)
    {
        _demo = demo;
        UsePageServices(demo.Core);
        _catalog = demo.Core.Get<PlaybookCatalog>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavingAnIncompletePlaybookShowsEachProblemNextToItsFieldAndSavesNothing()
    {
        var before = (await _catalog.ListAsync("biz_demo", Ct)).Count;
        var cut = RenderEditor(null);

        cut.Find("button[data-testid=save-playbook]").Click();

        cut.WaitForAssertion(() => Assert.Contains("A name is required.", FieldText(cut, "playbook-name")));
        Assert.Contains("A title is required.", FieldText(cut, "step-title"));
        Assert.Contains("A body is required.", FieldText(cut, "step-body"));
        var summary = cut.Find("[data-testid=save-problems]").TextContent;
        Assert.Contains("Name: A name is required.", summary);
        Assert.Contains("Step 1 · title: Line 1: A title is required.", summary);
        Assert.Equal(before, (await _catalog.ListAsync("biz_demo", Ct)).Count);
    }

    [Fact]
    public async Task CreatingAPlaybookSavesItSwitchedOffAndOpensIt()
    {
        var cut = RenderEditor(null);

        cut.Find("input[data-testid=playbook-name]").Input("Annual plan nudge");
        cut.Find("input[data-testid=step-title]").Input("Save with annual, {{ first_name }}");
        cut.Find("textarea[data-testid=step-body]").Input("Two months free on {{ upgrade_plan_name }}.");
        cut.Find("button[data-testid=save-playbook]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/dashboard/biz_demo/playbooks/\d+$", navigation.Uri));
        var created = await _catalog.GetAsync("biz_demo", long.Parse(navigation.Uri.Split('/')[^1]), Ct);
        Assert.Equal(("Annual plan nudge", PlaybookType.Upsell, false), (created!.Name, created.Type, created.Enabled));
        Assert.Equal("Save with annual, {{ first_name }}", Assert.Single(created.Steps).Title);
    }

    [Fact]
    public async Task SavingAgainAfterAddingAStepKeepsThatStep()
    {
        var id = (await _demo.Core.Get<PlaybookEditor>().CreateFromLibraryAsync(new CompanyScope("biz_demo"), "upgrade-to-pro", MessageTone.Hype, Ct))!.Value;
        var cut = RenderEditor(id);
        cut.WaitForElement("button[data-testid=add-step]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("input[data-testid=step-title]").Count));
        cut.FindAll("input[data-testid=step-title]")[2].Input("Last call");
        cut.FindAll("textarea[data-testid=step-body]")[2].Input("The offer ends tonight.");

        cut.Find("button[data-testid=save-playbook]").Click();
        await WaitForStepsAsync(id, 3);
        var stepIds = (await _catalog.GetAsync("biz_demo", id, Ct))!.Steps.Select(s => s.Id).ToList();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[data-testid=save-playbook][disabled]")));
        cut.Find("input[data-testid=playbook-name]").Input("Upgrade, second save");
        cut.Find("button[data-testid=save-playbook]").Click();

        for (var i = 0; i < 50 && (await _catalog.GetAsync("biz_demo", id, Ct))!.Name != "Upgrade, second save"; i++) await Task.Delay(100, Ct);
        var saved = (await _catalog.GetAsync("biz_demo", id, Ct))!;
        Assert.Equal("Upgrade, second save", saved.Name);
        Assert.Equal(stepIds, saved.Steps.Select(s => s.Id));
        Assert.Equal("Last call", (await _catalog.GetAsync("biz_demo", id, Ct))!.Steps[2].Title);
    }

    [Fact]
    public async Task AddingAStatusConditionShowsHowManyMembersItMatches()
    {
        await using var db = _demo.Core.CreateDbContext();
        var active = await db.Memberships.Where(m => m.CompanyId == "biz_demo" && m.Status == "active").Select(m => m.MemberId).Distinct().CountAsync(Ct);
        var everyone = await db.Members.CountAsync(m => m.CompanyId == "biz_demo", Ct);
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderEditor(null);
        cut.WaitForAssertion(() => Assert.Equal(everyone.ToString("N0"), cut.Find("[data-testid=audience-count]").TextContent), Debounced);

        cut.Find("[data-testid=target-rules] [data-testid=add-condition]").Click();
        cut.WaitForElement("[data-testid=target-rules] [data-testid=rule-value]");
        Pick(popovers, () => cut.Find("[data-testid=target-rules] [data-testid=rule-value]"), "Active");

        cut.WaitForAssertion(() => Assert.Equal(active.ToString("N0"), cut.Find("[data-testid=audience-count]").TextContent), Debounced);
        Assert.True(active < everyone);
        Assert.Equal(10, cut.FindAll("[data-testid=audience-sample] .mud-chip").Count);
    }

    [Fact]
    public void SwitchingANewPlaybookToNurtureTalksAboutLeadsAndAimsAtAFirstPayment()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderEditor(null);
        cut.Find("[data-testid=target-rules] [data-testid=add-condition]").Click();
        cut.WaitForElement("[data-testid=target-rules] [data-testid=rule-condition]");

        Pick(popovers, () => cut.Find("[data-testid=playbook-type-select]").Closest(".mud-input-control")!.ParentElement!, "Nurture");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=target-rules] [data-testid=rule-condition]")));
        Assert.Equal("a first payment", cut.Find("[data-testid=playbook-goal]").Closest(".mud-input-control")!.QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("Leads who match", cut.Markup);
        cut.Find("[data-testid=target-rules] [data-testid=add-condition]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Lead source",
            cut.Find("[data-testid=target-rules] [data-testid=rule-field] input").GetAttribute("value")));
    }

    [Fact]
    public void LeavingWithUnsavedChangesAsksFirst()
    {
        var dialogs = Render<MudDialogProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = RenderEditor(null);
        var editorUri = navigation.Uri;
        cut.Find("input[data-testid=playbook-name]").Input("Half done");

        _ = cut.InvokeAsync(() => navigation.NavigateTo("/dashboard/biz_demo/playbooks"));
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Stay").Click();

        cut.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(editorUri, navigation.Uri);
        Assert.Equal("Half done", cut.Find("input[data-testid=playbook-name]").GetAttribute("value"));
    }

    [Fact]
    public async Task ANurturePlaybookSaysHowManyOfItsLeadsItCanReachNow()
    {
        var nurture = (await _catalog.ListAsync("biz_demo", Ct)).First(p => p.Type == PlaybookType.Nurture);
        Assert.NotNull(nurture.ReachableNow);

        var cut = RenderEditor(nurture.Id);

        cut.WaitForAssertion(() => Assert.Equal($"Can reach now: {nurture.ReachableNow:N0} of {nurture.AudienceSize:N0}",
            cut.Find("[data-testid=audience-reach]").TextContent.Trim()), Debounced);
    }

    private IRenderedComponent<PlaybookEditorPage> RenderEditor(long? id)
    {
        var cut = Render<PlaybookEditorPage>(p => p.Add(x => x.CompanyId, "biz_demo").Add(x => x.PlaybookId, id));
        cut.WaitForElement("button[data-testid=save-playbook]");
        return cut;
    }

    /// The text around an input: its label, value and the error MudBlazor shows under it.
    private static string FieldText(IRenderedComponent<PlaybookEditorPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private async Task WaitForStepsAsync(long id, int count)
    {
        for (var i = 0; i < 50 && (await _catalog.GetAsync("biz_demo", id, Ct))!.Steps.Count != count; i++) await Task.Delay(100, Ct);
        Assert.Equal(count, (await _catalog.GetAsync("biz_demo", id, Ct))!.Steps.Count);
    }
}
