using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// The Leads page as a creator uses it: inside Whop's cross-origin iframe, in real Chromium.
public sealed class LeadsPageInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(IPage Page, IFrameLocator App)> OpenAsync(int width, ColorScheme scheme = ColorScheme.Light, int height = 1100)
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = height }, scheme,
            "/dashboard/biz_demo/leads");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("td[data-testid^=lead-]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return (page, app);
    }

    /// The elements that reach furthest right, to say what to fix.
    private static Task<string> WiderThanThePageAsync(IFrameLocator app) => app.Locator("html").EvaluateAsync<string>("""
        html => [...document.querySelectorAll('body *')]
            .map(e => [e, Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth)])
            .filter(([e, right]) => right > html.clientWidth + 1)
            .sort((a, b) => b[1] - a[1]).slice(0, 6)
            .map(([e, right]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.getAttribute('data-testid') ?? ''}] right=${Math.round(right)}`).join('; ')
        """);

    /// The snippet the Leads page hands out, pasted on a landing page of another origin, captures a lead with its
    /// consent words and the page's utm_source, and the lead is on the Leads page.
    [Fact]
    public async Task TheCaptureSnippetOnALandingPageCapturesALeadThatShowsOnTheLeadsPage()
    {
        var key = await web.App.Services.GetRequiredService<Core.Leads.LeadCaptureKeys>().GetOrCreateAsync(new Core.Companies.CompanyScope("biz_demo"), Ct);
        var html = $"<!doctype html><html><body>{RevenueAngel.Web.Components.Leads.LeadCaptureSnippet.For(web.BaseUrl, key)}</body></html>";
        var context = await chromium.Browser.NewContextAsync();
        var landing = await context.NewPageAsync();
        // A page of another origin than the app's, really served from loopback (the parent-page server): Chromium keeps
        // pages it cannot place (a routed response) from calling private addresses, as a public site's would be.
        await landing.GotoAsync($"{web.Parent.AllowedOrigin}/creator-dashboard?src=about%3Ablank&utm_source=youtube");
        await landing.SetContentAsync(html);

        await landing.Locator("input[name=email]").FillAsync("Snippet.Visitor@Example.org");
        await landing.Locator("input[name=name]").FillAsync("Snippet Visitor");
        await landing.Locator("input[name=consent]").CheckAsync();
        await landing.Locator("button[type=submit]").ClickAsync();
        await Expect(landing.Locator("[data-ra-status]")).ToHaveTextAsync("Thanks! You are on the list.", new() { Timeout = 10_000 });
        await context.CloseAsync();

        await using (var db = web.App.CreateDbContext())
        {
            var lead = await db.Leads.SingleAsync(l => l.CompanyId == "biz_demo" && l.Email == "snippet.visitor@example.org", Ct);
            Assert.Equal(("web", "youtube", true, RevenueAngel.Web.Components.Leads.LeadCaptureSnippet.DefaultConsentText),
                (lead.Source, lead.UtmSource, lead.EmailConsent, lead.ConsentText));
        }
        var (_, app) = await OpenAsync(1280);
        await Expect(app.Locator("td[data-testid^=lead-]", new() { HasTextString = "snippet.visitor@example.org" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task ACreatorImportsACsvWatchesItRunAndFindsTheNewLeads()
    {
        var (page, app) = await OpenAsync(1280);

        await app.Locator("button[data-testid=import-leads]").ClickAsync();
        var fileInput = app.Locator("[data-testid=import-dialog] input[type=file]");
        // Blazor's InputFile listens for a change only once its script has set the input up (its file counter at 0) after the
        // dialog rendered; files set before that are never reported (a person's file picker takes longer than that to open, a test does not).
        await Expect(fileInput).ToHaveJSPropertyAsync("_blazorInputFileNextFileId", 0, new() { Timeout = 15_000 });
        await fileInput.SetInputFilesAsync(new FilePayload
        {
            Name = "newsletter.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Email,Name,Opt-in\nbrowser.one@example.com,Browser One,yes\nbroken,Nope,no\nbrowser.two@example.com,Browser Two,no\n"),
        });
        await Expect(app.Locator("[data-testid=import-file-name]")).ToContainTextAsync("newsletter.csv", new() { Timeout = 15_000 });
        await FramedPages.SaveScreenshotAsync(page, "leads-import-mapping-wide");
        await app.Locator("button[data-testid=start-import]").ClickAsync();

        await Expect(app.Locator("[data-testid=import-report], [data-testid=import-problem]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await FramedPages.SaveScreenshotAsync(page, "leads-import-report-wide");
        Assert.Equal(0, await app.Locator("[data-testid=import-problem]").CountAsync());
        await Expect(app.Locator("[data-testid=report-created]")).ToHaveTextAsync("2 new");
        await Expect(app.Locator("[data-testid=bad-line-3]")).ToBeVisibleAsync();
        await app.Locator("button[data-testid=import-done]").ClickAsync();

        await app.Locator("input[data-testid=lead-search]").FillAsync("browser.");
        await Expect(app.Locator("td[data-testid^=lead-]")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        await Expect(app.Locator("td[data-testid^=lead-]").First).ToContainTextAsync("Browser");
        await using var db = web.App.CreateDbContext();
        Assert.Equal(2, await db.Leads.CountAsync(l => l.CompanyId == "biz_demo" && l.Email!.StartsWith("browser."), Ct));
    }

    [Theory]
    [InlineData("narrow", 400, ColorScheme.Light)]
    [InlineData("wide", 1280, ColorScheme.Light)]
    [InlineData("wide-dark", 1280, ColorScheme.Dark)]
    public async Task TheLeadsPageFitsWhopsNarrowAndWideWidths(string name, int width, ColorScheme scheme)
    {
        var (page, app) = await OpenAsync(width, scheme, height: 1600);
        await Expect(app.Locator("textarea[data-testid=capture-snippet]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/api/leads/capture/lck_[a-z0-9]+"));

        await FramedPages.SaveScreenshotAsync(page, $"leads-{name}");
        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the Leads page scrolls sideways by {overflow}px at {width}px: " + await WiderThanThePageAsync(app));

        await app.Locator("td[data-testid^=lead-]").First.ClickAsync();
        await Expect(app.Locator("[data-testid=detail-timeline]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(app.Locator("[data-testid=timeline-captured]")).ToBeVisibleAsync();
        await FramedPages.SaveScreenshotAsync(page, $"leads-detail-{name}");
        await app.Locator(".mud-dialog .mud-dialog-actions button", new() { HasTextString = "Close" }).ClickAsync();
        await Expect(app.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await app.Locator("button[data-testid=rotate-key]").ClickAsync();
        await Expect(app.Locator(".mud-dialog", new() { HasTextString = "old key stops working" })).ToBeVisibleAsync();
        await FramedPages.SaveScreenshotAsync(page, $"leads-rotate-{name}");
        await app.Locator(".mud-dialog button", new() { HasTextString = "Cancel" }).ClickAsync();
        await Expect(app.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // The suppression list: an admin adds an address, sees it, and removes it again with a reason.
        var address = $"browser.{name}@example.com";
        await app.Locator("input[data-testid=new-suppression-address]").FillAsync(address);
        await app.Locator("button[data-testid=add-suppression-button]").ClickAsync();
        var row = app.Locator("[data-testid=suppression-list] tr", new() { HasTextString = address });
        await Expect(row).ToContainTextAsync("Added by you", new() { Timeout = 10_000 });
        await row.ScrollIntoViewIfNeededAsync();
        await FramedPages.SaveScreenshotAsync(page, $"leads-suppressions-{name}");
        Assert.True(await FramedPages.SideScrollAsync(app) <= 0, "the suppression list scrolls sideways: " + await WiderThanThePageAsync(app));
        await row.Locator("button", new() { HasTextString = "Remove" }).ClickAsync();
        await app.Locator("textarea[data-testid=removal-reason]").FillAsync("Asked to hear from us again");
        await app.Locator("button[data-testid=confirm-removal]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
