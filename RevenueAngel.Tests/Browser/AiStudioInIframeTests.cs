using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// The AI message studio in Whop's cross-origin iframe, with the demo's fake model configured as the AI endpoint.
public sealed class AiStudioInIframeTests(DemoWebWithModelFixture web, Chromium chromium)
    : IClassFixture<DemoWebWithModelFixture>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoOfThreeAiDraftsBecomeTheFirstStepsABTestOnSave()
    {
        var id = await UpsellPlaybookAsync();
        var (page, app) = await OpenAsync(1280, $"/dashboard/biz_demo/playbooks/{id}");
        await Expect(app.Locator("[data-testid=ai-status]")).ToContainTextAsync("Drafting with");

        var step = app.Locator("[data-testid=step]").First;
        await step.Locator("button[data-testid=draft-variants]").ClickAsync();
        var cards = step.Locator("[data-testid=draft-card]");
        await Expect(cards).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        await Expect(step.Locator("[data-testid=draft-source]", new() { HasTextString = "AI draft" })).ToHaveCountAsync(3);
        await Expect(cards.Locator("[data-testid=preview-title]")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        var chosen = await cards.Nth(1).Locator("[data-testid=preview-body]").TextContentAsync();

        await cards.Nth(0).Locator("input[data-testid=draft-select]").ClickAsync();
        await cards.Nth(1).Locator("input[data-testid=draft-select]").ClickAsync();
        await step.Locator("button[data-testid=use-drafts]").ClickAsync();
        await Expect(step.Locator("[data-testid=split-summary]")).ToHaveTextAsync("A 50% · B 50%");
        await Expect(step.Locator("[data-testid=variant] [data-testid=preview-body]")).ToHaveTextAsync(chosen!, new() { Timeout = 10_000 });
        await app.Locator("button[data-testid=save-playbook]").ClickAsync();
        await Expect(app.Locator(".mud-snackbar", new() { HasTextString = "Playbook saved." })).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var saved = await web.App.Services.GetRequiredService<PlaybookEditor>().DraftOfAsync("biz_demo", id, Ct);
        var variant = Assert.Single(saved!.Steps[0].Variants);
        Assert.Equal((50, 50), (saved.Steps[0].Percent, variant.Percent));
        Assert.NotEqual(saved.Steps[0].Body, variant.Body);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("narrow", 400, ColorScheme.Light)]
    [InlineData("wide", 1280, ColorScheme.Light)]
    [InlineData("wide-dark", 1280, ColorScheme.Dark)]
    public async Task TheDraftsPanelAndTheGoalDialogFitWhopsNarrowAndWideWidths(string name, int width, ColorScheme scheme)
    {
        var id = await UpsellPlaybookAsync();
        // Tall, so the sticky header and save bar do not cover the parts photographed.
        var (page, app) = await OpenAsync(width, $"/dashboard/biz_demo/playbooks/{id}", 3200, scheme);
        var step = app.Locator("[data-testid=step]").First;
        await step.Locator("button[data-testid=test-tones]").ClickAsync();
        await Expect(step.Locator("[data-testid=draft-card] [data-testid=preview-title]")).ToHaveCountAsync(4, new() { Timeout = 15_000 });
        await step.Locator("input[data-testid=draft-select]").First.ClickAsync();

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the editor with drafts scrolls sideways by {overflow}px at {width}px");
        await FramedPages.SaveScreenshotAsync(step, $"studio-drafts-{name}");
        await FramedPages.SaveScreenshotAsync(app.Locator(".mud-paper", new() { Has = app.Locator("[data-testid=ai-status]") }).First, $"studio-editor-{name}");

        // A custom tone asks for its description; choosing it redrafts nothing yet.
        await app.Locator("[data-testid=playbook-tone]").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Custom" }).ClickAsync();
        await app.Locator("textarea[data-testid=playbook-custom-tone]").FillAsync("Calm and encouraging, like a coach");
        await Expect(app.Locator("button[data-testid=redraft-steps]")).ToBeEnabledAsync();
        await FramedPages.SaveScreenshotAsync(app.Locator(".mud-paper", new() { Has = app.Locator("[data-testid=playbook-custom-tone]") }).First,
            $"studio-custom-tone-{name}");
        await app.Locator("button[data-testid=redraft-steps]").ClickAsync();
        await Expect(app.Locator(".mud-dialog", new() { HasTextString = "Your current copy will be replaced." })).ToBeVisibleAsync();
        await FramedPages.SaveScreenshotAsync(page, $"studio-redraft-confirm-{name}");
        await app.Locator(".mud-dialog button", new() { HasTextString = "Redraft" }).ClickAsync();
        var result = app.Locator("[data-testid=redraft-result]");
        await Expect(result).ToContainTextAsync("with AI", new() { Timeout = 15_000 });
        await FramedPages.SaveScreenshotAsync(app.Locator(".mud-paper", new() { Has = app.Locator("[data-testid=playbook-custom-tone]") }).First,
            $"studio-custom-tone-redrafted-{name}");

        var (listPage, list) = await OpenAsync(width, "/dashboard/biz_demo/playbooks", scheme: scheme);
        await list.Locator("button[data-testid=new-from-goal]").ClickAsync();
        await Expect(list.Locator("textarea[data-testid=goal-text]")).ToBeVisibleAsync();
        await FramedPages.SaveScreenshotAsync(listPage, $"studio-goal-dialog-{name}");
        await list.Locator("textarea[data-testid=goal-text]").FillAsync("Get Basic members past 30 days to try Pro");
        await FramedPages.SaveScreenshotAsync(listPage, $"studio-goal-dialog-filled-{name}");
        await page.CloseAsync();
        await listPage.CloseAsync();
    }

    private async Task<long> UpsellPlaybookAsync()
    {
        await using var db = web.App.CreateDbContext();
        return await db.Playbooks.Where(p => p.CompanyId == "biz_demo" && p.Type == PlaybookType.Upsell && p.DeletedAt == null)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct);
    }

    private async Task<(IPage Page, IFrameLocator App)> OpenAsync(int width, string path, int height = 1400, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = height }, scheme, path);
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        return (page, app);
    }
}
