using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class NewFromGoalDialogTests(DemoCoreFixture demo, DemoCoreWithModelFixture withModel)
    : MudTestContext, IClassFixture<DemoCoreFixture>, IClassFixture<DemoCoreWithModelFixture>
{

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutAModelTheLibrarysNearestPlaybookIsSavedSwitchedOffAndOpened()
    {
        UsePageServices(demo.Core);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = RenderList();

        cut.Find("button[data-testid=new-from-goal]").Click();
        dialogs.WaitForElement("textarea[data-testid=goal-text]").Input("Win back members who cancelled in the last 60 days with a discount");
        dialogs.Find("button[data-testid=propose-playbook]").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"/dashboard/biz_demo/playbooks/\d+$", navigation.Uri));
        var id = long.Parse(navigation.Uri.Split('/')[^1]);
        var saved = await demo.Core.Get<PlaybookCatalog>().GetAsync("biz_demo", id, Ct);
        Assert.NotNull(saved);
        Assert.False(saved.Enabled);
        Assert.Equal(PlaybookType.ChurnSave, saved.Type);
        Assert.NotEmpty(saved.Steps);
        snackbars.WaitForAssertion(() => Assert.Contains("From the built-in library", snackbars.Markup));
        Assert.Contains("No AI model is configured", snackbars.Markup);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AGoalOverFiveHundredCharactersIsRefused()
    {
        UsePageServices(demo.Core);
        int before;
        await using (var db = demo.Core.CreateDbContext()) before = await db.Playbooks.CountAsync(p => p.CompanyId == "biz_demo", Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();

        cut.Find("button[data-testid=new-from-goal]").Click();
        dialogs.WaitForElement("textarea[data-testid=goal-text]").Input(new string('x', PlaybookProposer.MaxGoalLength + 1));

        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("button[data-testid=propose-playbook]").HasAttribute("disabled")));
        Assert.Contains($"At most {PlaybookProposer.MaxGoalLength} characters.", dialogs.Find(".mud-dialog").TextContent);
        dialogs.Find("button[data-testid=propose-playbook]").Click();
        await using (var db = demo.Core.CreateDbContext()) Assert.Equal(before, await db.Playbooks.CountAsync(p => p.CompanyId == "biz_demo", Ct));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task WithAModelItsProposalIsSavedAndSaysItIsAnAiDraft()
    {
        UsePageServices(withModel.Core);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = RenderList();

        cut.Find("button[data-testid=new-from-goal]").Click();
        dialogs.WaitForElement("textarea[data-testid=goal-text]").Input("Get Basic members past 30 days to try Pro");
        dialogs.Find("button[data-testid=propose-playbook]").Click();

        cut.WaitForAssertion(() => Assert.Matches(@"/dashboard/biz_demo/playbooks/\d+$", navigation.Uri));
        var saved = await withModel.Core.Get<PlaybookCatalog>().GetAsync("biz_demo", long.Parse(navigation.Uri.Split('/')[^1]), Ct);
        Assert.Equal((PlaybookType.Upsell, false), (saved!.Type, saved.Enabled));
        snackbars.WaitForAssertion(() => Assert.Contains("proposed by AI", snackbars.Markup));
    }

    [Fact]
    public async Task CancelingAProposalSavesNothingAndKeepsTheDialogOpen()
    {
        UsePageServices(withModel.Core);
        var model = withModel.ModelServer.Model;
        var requestsBefore = model.Requests.Count;
        model.Enqueue(new FakeModelReply(200, "{}", TimeSpan.FromSeconds(60)));
        int before;
        await using (var db = withModel.Core.CreateDbContext()) before = await db.Playbooks.CountAsync(p => p.CompanyId == "biz_demo", Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();

        cut.Find("button[data-testid=new-from-goal]").Click();
        dialogs.WaitForElement("textarea[data-testid=goal-text]").Input("Win back members who cancelled");
        dialogs.Find("button[data-testid=propose-playbook]").Click();
        dialogs.WaitForElement("[data-testid=proposing]");
        for (var i = 0; i < 100 && model.Requests.Count == requestsBefore; i++) await Task.Delay(100, Ct);
        dialogs.Find("button[data-testid=cancel-proposal]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=proposing]")));
        Assert.False(dialogs.Find("button[data-testid=propose-playbook]").HasAttribute("disabled"));
        await using (var db = withModel.Core.CreateDbContext()) Assert.Equal(before, await db.Playbooks.CountAsync(p => p.CompanyId == "biz_demo", Ct));
    }

    private IRenderedComponent<PlaybookList> RenderList()
    {
        var cut = Render<PlaybookList>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")));
        cut.WaitForElement("[data-testid=playbooks]");
        return cut;
    }
}
