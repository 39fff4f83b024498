using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class PlaybookListTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly PlaybookCatalog _catalog;
    private readonly PlaybookEditor _editor;

    public PlaybookListTests(DemoCoreFixture demo)
    {
        UsePageServices(demo.Core);
        _catalog = demo.Core.Get<PlaybookCatalog>();
        _editor = demo.Core.Get<PlaybookEditor>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShowsEveryPlaybookWithItsTypeAndSevenDayNumbers()
    {
        var expected = await _catalog.ListAsync("biz_demo", Ct);
        Assert.NotEmpty(expected);
        Assert.Contains(expected, p => p.ReachableNow is > 0 && p.ReachableNow < p.AudienceSize);

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(expected.Count, cut.FindAll("tbody tr").Count));
        foreach (var playbook in expected)
        {
            var name = cut.Find($"[data-testid=playbook-{playbook.Id}]");
            Assert.Contains(playbook.Name, name.TextContent);
            Assert.Contains(PlaybookValidator.TypeName(playbook.Type), name.TextContent);
            Assert.Equal(playbook.SendsLast7Days.ToString("N0"), cut.Find($"[data-testid=sends-{playbook.Id}]").TextContent);
            Assert.Equal(playbook.AudienceSize.ToString("N0"), cut.Find($"[data-testid=audience-{playbook.Id}]").TextContent);
            // Nurture says how many of its leads a channel reaches today; the others have no such line.
            if (playbook.ReachableNow is { } reachable)
                Assert.Equal($"{reachable:N0} reachable", cut.Find($"[data-testid=reach-{playbook.Id}]").TextContent);
            else
                Assert.Empty(cut.FindAll($"[data-testid=reach-{playbook.Id}]"));
            Assert.Equal(playbook.Enabled, Switch(cut, playbook.Id).HasAttribute("checked"));
        }
    }

    [Fact]
    public async Task TurningAPlaybookOffAsksFirstThenStopsIt()
    {
        var playbook = (await _catalog.ListAsync("biz_demo", Ct)).First(p => p.Enabled);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();

        Switch(cut, playbook.Id).Change(false);
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Turn off").Click();

        await WaitForEnabledAsync(playbook.Id, false);
        // The switch stays disabled until the whole change has finished; a click before that is ignored.
        cut.WaitForAssertion(() => Assert.False(Switch(cut, playbook.Id).HasAttribute("checked") || Switch(cut, playbook.Id).HasAttribute("disabled")));

        Switch(cut, playbook.Id).Change(true);

        await WaitForEnabledAsync(playbook.Id, true);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task KeepingAPlaybookOnLeavesItRunning()
    {
        var playbook = (await _catalog.ListAsync("biz_demo", Ct)).First(p => p.Enabled);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();

        Switch(cut, playbook.Id).Change(false);
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Keep on").Click();

        cut.WaitForAssertion(() => Assert.True(Switch(cut, playbook.Id).HasAttribute("checked")));
        Assert.True((await _catalog.GetAsync("biz_demo", playbook.Id, Ct))!.Enabled);
    }

    [Fact]
    public async Task CopyingAPlaybookAddsASwitchedOffCopy()
    {
        var playbook = (await _catalog.ListAsync("biz_demo", Ct))[0];
        var cut = RenderList();

        cut.Find($"button[data-testid=clone-{playbook.Id}]").Click();

        var copy = await WaitForPlaybookAsync($"{playbook.Name} (copy)");
        Assert.False(copy.Enabled);
        cut.WaitForAssertion(() => Assert.Contains(copy.Name, cut.Find($"[data-testid=playbook-{copy.Id}]").TextContent));
    }

    [Fact]
    public async Task DeletingAsksForConfirmationAndRemovesTheRow()
    {
        var source = (await _catalog.ListAsync("biz_demo", Ct))[0];
        var doomed = (await _editor.CloneAsync(new CompanyScope("biz_demo"), source.Id, Ct)).Id!.Value;
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();
        cut.WaitForElement($"[data-testid=playbook-{doomed}]");

        cut.Find($"button[data-testid=delete-{doomed}]").Click();
        dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=playbook-{doomed}]")));
        Assert.Null(await _catalog.GetAsync("biz_demo", doomed, Ct));
    }

    [Fact]
    public async Task APlaybookAddedElsewhereAppearsWithoutAReload()
    {
        var cut = RenderList(TimeSpan.FromMilliseconds(100));

        var added = await _editor.CreateFromLibraryAsync(new CompanyScope("biz_demo"), "payment-recovery", MessageTone.Minimal, Ct);

        cut.WaitForElement($"[data-testid=playbook-{added}]", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ANewPlaybookFromTheLibraryIsCreatedInTheChosenToneAndOpened()
    {
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList();

        cut.Find("button[data-testid=new-playbook]").Click();
        dialogs.WaitForElement("input[data-testid=choice-upgrade-to-pro]").Click();
        Pick(popovers, () => dialogs.Find("[data-testid=library-tone]").Closest(".mud-input-control")!.ParentElement!, "Expert");
        dialogs.Find("button[data-testid=create-playbook]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/dashboard/biz_demo/playbooks/\d+$", navigation.Uri));
        var id = long.Parse(navigation.Uri.Split('/')[^1]);
        var created = await _catalog.GetAsync("biz_demo", id, Ct);
        Assert.Equal((PlaybookType.Upsell, MessageTone.Expert, false), (created!.Type, created.Tone, created.Enabled));
        Assert.StartsWith("Upgrade to Pro", created.Name);
    }

    private IRenderedComponent<PlaybookList> RenderList(TimeSpan? refreshEvery = null)
    {
        var cut = Render<PlaybookList>(p => p
            .Add(x => x.Company, new CompanyScope("biz_demo"))
            .Add(x => x.RefreshEvery, refreshEvery ?? TimeSpan.FromMinutes(5)));
        cut.WaitForElement("tbody tr");
        return cut;
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<PlaybookList> cut, long id) =>
        cut.Find($"[data-testid=enabled-{id}] input, input[data-testid=enabled-{id}]");

    private async Task WaitForEnabledAsync(long id, bool enabled)
    {
        for (var i = 0; i < 50 && (await _catalog.GetAsync("biz_demo", id, Ct))!.Enabled != enabled; i++) await Task.Delay(100, Ct);
        Assert.Equal(enabled, (await _catalog.GetAsync("biz_demo", id, Ct))!.Enabled);
    }

    private async Task<PlaybookSummary> WaitForPlaybookAsync(string name)
    {
        for (var i = 0; i < 50; i++)
        {
            if ((await _catalog.ListAsync("biz_demo", Ct)).FirstOrDefault(p => p.Name == name) is { } found) return found;
            await Task.Delay(100, Ct);
        }
        throw new Xunit.Sdk.XunitException($"No playbook named {name}");
    }
}
