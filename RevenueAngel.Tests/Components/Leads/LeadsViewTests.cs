using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using RevenueAngel.Core.Leads;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Leads;
using RevenueAngel.Web.Components.Leads;

namespace RevenueAngel.Tests.Components.Leads;

public sealed class LeadsViewTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly CoreHost _core;

    public LeadsViewTests(DemoCoreFixture demo)
    {
        _core = demo.Core;
        Services.AddLeadServices(_core);
        UsePageServices(_core);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Task<LeadsScenario> ScenarioAsync() => LeadsScenario.CreateAsync(_core.CreateDbContext);

    private IRenderedComponent<LeadsView> RenderView(LeadsScenario s) => Render<LeadsView>(p => p.Add(v => v.Company, s.Scope));

    private static IReadOnlyList<string> Rows(IRenderedComponent<LeadsView> cut) =>
        [.. cut.FindAll("td[data-testid^=lead-]").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task ListsTheLeadsNewestFirstWithTheChannelsThatReachThem()
    {
        var s = await ScenarioAsync();

        var cut = RenderView(s);

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=leads] tbody tr").Count));
        Assert.StartsWith("Ada Lovelace", Rows(cut)[0]);
        var ada = cut.Find($"[data-testid=reach-{s["ada"].Id}]");
        Assert.Equal(["Push", "DM", "Email"], ada.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("No channel yet", cut.Find($"[data-testid=reach-{s["bob"].Id}]").TextContent);
        Assert.Equal("1–6 of 6", cut.Find("[data-testid=leads-range]").TextContent.Trim());
    }

    [Fact]
    public async Task EachFilterChangesTheQuery()
    {
        var s = await ScenarioAsync();
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderView(s);
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=leads] tbody tr").Count));

        PickOne(popovers, cut, "lead-source", "Whop free plan");
        cut.WaitForAssertion(() => Assert.Equal([s["cy"].Id], Ids(cut)));
        Assert.Contains("source=whop_free_plan", cut.Find("a[data-testid=export-leads]").GetAttribute("href"));

        PickOne(popovers, cut, "lead-source", "Any source");
        PickOne(popovers, cut, "lead-reachable", "Not reachable yet");
        cut.WaitForAssertion(() => Assert.Equal([s["bob"].Id, s["dee"].Id, s["fay"].Id], Ids(cut)));

        PickOne(popovers, cut, "lead-status", "Unsubscribed");
        cut.WaitForAssertion(() => Assert.Equal([s["fay"].Id], Ids(cut)));

        PickOne(popovers, cut, "lead-status", "Any status");
        PickOne(popovers, cut, "lead-reachable", "Anyone");
        cut.Find("input[data-testid=lead-search]").Input("STONE");
        cut.WaitForAssertion(() => Assert.Equal([s["bob"].Id], Ids(cut)));
        Assert.Contains("q=STONE", cut.Find("a[data-testid=export-leads]").GetAttribute("href"));
    }

    [Fact]
    public async Task PagesMoveForwardAndBackThroughTheWholeList()
    {
        var s = await ScenarioAsync();
        await using (var db = _core.CreateDbContext())
        {
            db.Leads.AddRange(Enumerable.Range(1, 24).Select(i => new Lead
            {
                CompanyId = s.CompanyId, Email = $"more{i}@example.com", Source = LeadSources.Csv, CapturedAt = LeadsScenario.Day.AddDays(-40 - i),
            }));
            await db.SaveChangesAsync(Ct);
        }
        var cut = RenderView(s);
        cut.WaitForAssertion(() => Assert.Equal(LeadsView.PageSize, cut.FindAll("[data-testid=leads] tbody tr").Count));
        var firstPage = Ids(cut);

        cut.Find("button[data-testid=leads-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=leads] tbody tr").Count));
        Assert.Equal("26–30 of 30", cut.Find("[data-testid=leads-range]").TextContent.Trim());
        Assert.True(cut.Find("button[data-testid=leads-next]").HasAttribute("disabled"));
        Assert.Empty(Ids(cut).Intersect(firstPage));

        cut.Find("button[data-testid=leads-previous]").Click();
        cut.WaitForAssertion(() => Assert.Equal(firstPage, Ids(cut)));
    }

    [Fact]
    public async Task ACompanyWithoutLeadsIsToldWhereLeadsComeFrom()
    {
        var world = await LeadImportWorld.CreateAsync(_core);

        var cut = Render<LeadsView>(p => p.Add(v => v.Company, world.Company));

        cut.WaitForAssertion(() => Assert.Contains("landing page", cut.Find("[data-testid=leads-empty]").TextContent));
        Assert.Contains("free plan", cut.Find("[data-testid=leads-empty]").TextContent);
        Assert.Contains("CSV", cut.Find("[data-testid=leads-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=leads]"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=capture-snippet]")));
    }

    [Fact]
    public async Task TheCaptureSnippetPostsWithTheCompanysKeyAndAHoneypot()
    {
        var s = await ScenarioAsync();
        var key = await _core.Get<LeadCaptureKeys>().GetOrCreateAsync(s.Scope, Ct);

        var cut = RenderView(s);

        cut.WaitForAssertion(() => Assert.Equal(key, cut.Find("[data-testid=capture-key]").TextContent));
        var snippet = Snippet(cut);
        Assert.Contains($"/api/leads/capture/{key}", snippet);
        Assert.Contains("name=\"website\"", snippet);
        Assert.Contains("name=\"consent\"", snippet);
        Assert.Contains("utm_source", snippet);
    }

    [Fact]
    public async Task RotatingTheKeyAsksFirstAndRetiresTheOldKey()
    {
        var s = await ScenarioAsync();
        var keys = _core.Get<LeadCaptureKeys>();
        var old = await keys.GetOrCreateAsync(s.Scope, Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderView(s);
        cut.WaitForAssertion(() => Assert.Equal(old, cut.Find("[data-testid=capture-key]").TextContent));

        ClickSettled(() => cut.Find("button[data-testid=rotate-key]"));
        Assert.Contains("old key stops working", dialogs.WaitForElement(".mud-dialog").TextContent);
        ClickSettled(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel"));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(s.CompanyId, await keys.CompanyForAsync(old, Ct));

        ClickSettled(() => cut.Find("button[data-testid=rotate-key]"));
        dialogs.WaitForElement(".mud-dialog");
        ClickSettled(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Rotate key"));

        cut.WaitForAssertion(() => Assert.NotEqual(old, cut.Find("[data-testid=capture-key]").TextContent));
        var fresh = cut.Find("[data-testid=capture-key]").TextContent;
        Assert.Null(await keys.CompanyForAsync(old, Ct));
        Assert.Equal(s.CompanyId, await keys.CompanyForAsync(fresh, Ct));
        Assert.Contains(fresh, Snippet(cut));
    }

    [Fact]
    public async Task ClickingALeadOpensItsTimeline()
    {
        var s = await ScenarioAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderView(s);
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=leads] tbody tr").Count));

        cut.Find($"[data-testid=lead-{s["ada"].Id}]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=detail-timeline]")));
        Assert.Equal("ada@example.com", dialogs.Find("[data-testid=detail-email]").TextContent);
        foreach (var kind in new[] { "captured", "enrolled", "sent", "clicked", "converted" }) Assert.NotEmpty(dialogs.FindAll($"[data-testid=timeline-{kind}]"));
        Assert.Contains("49.00 USD", dialogs.Find("[data-testid=timeline-converted]").TextContent);
        Assert.Empty(dialogs.FindAll("[data-testid=detail-unreachable]"));
    }

    /// Picks an item of a single select and waits until its list has closed (the page reloads on the change).
    private static void PickOne(IRenderedComponent<MudPopoverProvider> popovers, IRenderedComponent<LeadsView> cut, string testId, string item)
    {
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == item));
        popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == item).Click();
        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll(".mud-popover-open")));
    }

    private static string Snippet(IRenderedComponent<LeadsView> cut) => cut.Find("textarea[data-testid=capture-snippet]").GetAttribute("value") ?? "";

    private static List<long> Ids(IRenderedComponent<LeadsView> cut) =>
        [.. cut.FindAll("td[data-testid^=lead-]").Select(e => long.Parse(e.GetAttribute("data-testid")!["lead-".Length..]))];
}
