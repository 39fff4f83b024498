using Microsoft.Playwright;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// The revenue dashboard and the Analytics page over the demo's 75 days of history, inside Whop's cross-origin iframe.
public sealed class RevenuePagesInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    [Fact]
    public async Task TheDashboardShowsTheRevenueChartAndKpisWithTheirChangeInsideTheIframe()
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = 1280, Height = 900 });
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await Expect(app.Locator("[data-testid=revenue-chart] svg").First).ToBeVisibleAsync();
        // The demo's attributed conversions earn real money, and each figure is compared with the 30 days before.
        var influenced = await app.Locator("[data-testid=kpi-influenced]").InnerTextAsync();
        Assert.Matches(@"^\$[\d,]+\.\d\d$", influenced);
        Assert.NotEqual("$0.00", influenced);
        await Expect(app.Locator("[data-testid=kpi-influenced-change]")).ToContainTextAsync("vs previous 30 days");
        // The demo's playbooks hold out 10% of their enrolments, so the holdout estimate exists.
        await Expect(app.Locator("[data-testid=kpi-incremental]")).ToContainTextAsync("$");
        Assert.True(await app.Locator("[data-testid=recent-conversions] tbody tr").CountAsync() > 0);

        await app.Locator(".mud-toggle-item", new() { HasText = "7 days" }).ClickAsync();

        await Expect(app.Locator("[data-testid=kpi-influenced-change]")).ToContainTextAsync("vs previous 7 days");
    }

    [Fact]
    public async Task ChoosingAPlaybookOnTheAnalyticsPageShowsItsFunnel()
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = 1280, Height = 900 }, path: "/dashboard/biz_demo/analytics");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=playbook-table] tbody tr").First).ToBeVisibleAsync();
        var names = await app.Locator("[data-testid=playbook-name]").AllInnerTextsAsync();

        await app.Locator("[data-testid=playbook-name]", new() { HasText = names[^1] }).ClickAsync();

        await Expect(app.GetByText($"Funnel · {names[^1]}")).ToBeVisibleAsync();
        await Expect(app.Locator("[data-testid=funnel-step]").First).ToBeVisibleAsync();
        await Expect(app.Locator("[data-testid=export-sends]")).ToHaveAttributeAsync("href", "/api/analytics/export/sends.csv?companyId=biz_demo&days=30");
    }

    [Theory]
    [InlineData("dashboard", "/dashboard/biz_demo", 420)]
    [InlineData("dashboard", "/dashboard/biz_demo", 1280)]
    [InlineData("analytics", "/dashboard/biz_demo/analytics", 420)]
    [InlineData("analytics", "/dashboard/biz_demo/analytics", 1280)]
    public async Task RevenuePagesFitWhopsNarrowAndWideWidthsWithoutSideScrolling(string name, string path, int width)
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = width < 600 ? 1400 : 2400 }, path: path);
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=revenue-chart]")).ToBeVisibleAsync();

        Assert.True(await FramedPages.SideScrollAsync(app) <= 0, $"{name} scrolls sideways at {width}px");
        await FramedPages.SaveScreenshotAsync(page, $"revenue-{name}-{width}");
        if (width < 600)
        {
            // The narrow page is long: keep its lower half too.
            await app.Locator("[data-testid=recent-conversions], [data-testid=playbook-table]").First.ScrollIntoViewIfNeededAsync();
            await FramedPages.SaveScreenshotAsync(page, $"revenue-{name}-{width}-lower");
        }
    }
}
