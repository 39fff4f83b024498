using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// The Playbooks list and editor as a creator uses them: inside Whop's cross-origin iframe, in real Chromium.
public sealed class PlaybookPagesInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACreatorBuildsATierLiftPlaybookWithARuleSavesItAndSwitchesItOn()
    {
        await using (var db = web.App.CreateDbContext())
        {
            var activeMembers = await db.Memberships.Where(m => m.CompanyId == "biz_demo" && m.Status == "active")
                .Select(m => m.MemberId).Distinct().CountAsync(Ct);
            _expectedAudience = activeMembers.ToString("N0");
        }
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = 1280, Height = 900 },
            path: "/dashboard/biz_demo/playbooks");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await app.Locator("button[data-testid=new-playbook]").ClickAsync();
        await app.Locator("button[data-testid=create-playbook]").ClickAsync();
        await Expect(app.Locator("[data-testid=editor-title]")).ToHaveTextAsync("New playbook");

        await app.Locator("input[data-testid=playbook-name]").FillAsync("Browser TierLift");
        await app.Locator("[data-testid=target-rules] [data-testid=add-condition]").ClickAsync();
        await app.Locator("[data-testid=target-rules] [data-testid=rule-value] .mud-input-control").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Active" }).ClickAsync();
        await app.Locator("h2", new() { HasTextString = "Who it is for" }).ClickAsync(); // closes the multi-select
        await Expect(app.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(app.Locator("[data-testid=audience-count]")).ToHaveTextAsync(_expectedAudience, new() { Timeout = 10_000 });

        await app.Locator("input[data-testid=step-title]").FillAsync("Ready for more, {{ first_name }}?");
        await app.Locator("textarea[data-testid=step-body]").FillAsync("{{ upgrade_plan_name }} unlocks the live sessions.");
        await Expect(app.Locator("[data-testid=preview-title]")).ToContainTextAsync("Ready for more, ", new() { Timeout = 10_000 });
        await app.Locator("button[data-testid=save-playbook]").ClickAsync();

        await Expect(app.Locator("[data-testid=editor-title]")).ToHaveTextAsync("Browser TierLift", new() { Timeout = 10_000 });
        var id = long.Parse(page.Frames.Single(f => f != page.MainFrame).Url.Split('/')[^1]);
        var enabled = app.Locator($"input[data-testid=enabled-{id}]");
        await Expect(enabled).Not.ToBeCheckedAsync();
        await enabled.ClickAsync();
        await Expect(enabled).ToBeCheckedAsync();

        await app.Locator("[aria-label='Back to playbooks']").First.ClickAsync();
        await Expect(app.Locator($"[data-testid=playbook-{id}]")).ToContainTextAsync("Browser TierLift");
        await Expect(app.Locator($"input[data-testid=enabled-{id}]")).ToBeCheckedAsync();
        await Expect(app.Locator($"[data-testid=audience-{id}]")).ToHaveTextAsync(_expectedAudience);
        var saved = await web.App.Services.GetRequiredService<PlaybookCatalog>().GetAsync("biz_demo", id, Ct);
        Assert.True(saved!.Enabled);
        Assert.Contains("membership_status", saved.TargetRules);
    }

    [Theory]
    [InlineData("narrow", 420, ColorScheme.Light)]
    [InlineData("wide", 1280, ColorScheme.Light)]
    [InlineData("wide-dark", 1280, ColorScheme.Dark)]
    public async Task PlaybookListFitsWhopsNarrowAndWideWidths(string name, int width, ColorScheme scheme)
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 900 }, scheme,
            "/dashboard/biz_demo/playbooks");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid^=playbook-]").First).ToBeVisibleAsync();

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the list scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(page, $"playbooks-{name}");

        await app.Locator("button[data-testid=new-playbook]").ClickAsync();
        await Expect(app.Locator("input[data-testid=choice-upgrade-to-pro]")).ToBeVisibleAsync();
        await FramedPages.SaveScreenshotAsync(page, $"playbooks-new-dialog-{name}");
    }

    [Theory]
    [InlineData("narrow", 420)]
    [InlineData("wide", 1280)]
    public async Task PlaybookEditorFitsWhopsNarrowAndWideWidths(string name, int width)
    {
        long id;
        await using (var db = web.App.CreateDbContext())
            id = await db.Playbooks.Where(p => p.CompanyId == "biz_demo" && p.Type == PlaybookType.Upsell).Select(p => p.Id).FirstAsync(Ct);
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 2400 },
            path: $"/dashboard/biz_demo/playbooks/{id}");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=audience-count]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(app.Locator("[data-testid=preview-title]").First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the editor scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(page, $"playbook-editor-{name}");
        await FramedPages.SaveScreenshotAsync(app.Locator("[data-testid=step]").First, $"playbook-editor-step-{name}");
        await FramedPages.SaveScreenshotAsync(app.Locator("[data-testid=recent-sends]"), $"playbook-editor-sends-{name}");

        // An A/B test on the first step: the variant's fields and the split must fit too.
        await app.Locator("[data-testid=add-variant]").First.ClickAsync();
        await Expect(app.Locator("[data-testid=split-summary]").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the editor with a variant scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(app.Locator("[data-testid=step]").First, $"playbook-editor-variant-{name}");
    }

    [Theory]
    [InlineData("narrow", 420)]
    [InlineData("wide", 1280)]
    public async Task TheRecoveryEditorTimesAStepBeforeWhopsRetryAndRetriesOnPaydays(string name, int width)
    {
        long id;
        await using (var db = web.App.CreateDbContext())
            id = await db.Playbooks.Where(p => p.CompanyId == "biz_demo" && p.Type == PlaybookType.ChurnSave).Select(p => p.Id).FirstAsync(Ct);
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 2400 },
            path: $"/dashboard/biz_demo/playbooks/{id}");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        var second = app.Locator("[data-testid=step]").Nth(1);
        await second.Locator("[data-testid=step-timing]").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Before Whop's next retry" }).ClickAsync();
        await Expect(second.Locator("[data-testid=step-delay-text]")).ToHaveTextAsync("1 day before Whop's next retry");
        await app.Locator("input[data-testid=own-retry-days]").FillAsync("1, 15");
        await app.Locator("input[data-testid=own-retry-days]").BlurAsync();
        await Expect(app.Locator("input[data-testid=own-retry-limit]")).ToBeVisibleAsync();

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the recovery editor scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(app.Locator("[data-testid=own-retries]"), $"playbook-editor-own-retries-{name}");
        await FramedPages.SaveScreenshotAsync(second, $"playbook-editor-retry-timed-step-{name}");
        if (name != "wide") return;
        await app.Locator("button[data-testid=save-playbook]").ClickAsync();
        await Expect(app.Locator(".mud-snackbar", new() { HasTextString = "Playbook saved." })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var saved = (await web.App.Services.GetRequiredService<PlaybookCatalog>().GetAsync("biz_demo", id, Ct))!;
        Assert.Equal([1, 15], saved.OwnRetryDays);
        await using var check = web.App.CreateDbContext();
        Assert.Equal(StepTiming.BeforeNextRetry, (await check.PlaybookSteps.SingleAsync(st => st.PlaybookId == id && st.Position == 2, Ct)).Timing);
    }

    [Theory]
    [InlineData("narrow", 420)]
    [InlineData("wide", 1280)]
    public async Task ACancelSavePlaybookRoutesItsOfferByTheMembersReason(string name, int width)
    {
        long id;
        await using (var db = web.App.CreateDbContext())
            id = await db.Playbooks.Where(p => p.CompanyId == "biz_demo" && p.Type == PlaybookType.ChurnSave).Select(p => p.Id).FirstAsync(Ct);
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 2400 },
            path: $"/dashboard/biz_demo/playbooks/{id}");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=cancel-offer-routes]")).ToHaveCountAsync(0);

        await app.Locator("[data-testid=playbook-trigger]").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "a cancellation request" }).ClickAsync();
        var routes = app.Locator("[data-testid=cancel-offer-routes]");
        await Expect(routes).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await routes.Locator("[data-testid=route-too_expensive-kind]").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Discount at next renewal" }).ClickAsync();
        await Expect(routes.Locator("input[data-testid=route-too_expensive-percent]")).ToHaveValueAsync("20");

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the cancel-save editor scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(routes, $"playbook-editor-cancel-routes-{name}");
    }

    private string _expectedAudience = "";
}
