using Microsoft.Playwright;

namespace RevenueAngel.Tests.Infrastructure;

/// Opens the demo app as Whop shows it (inside an iframe on another origin) and keeps screenshots when asked.
public static class FramedPages
{
    public static async Task<IPage> OpenAsync(Chromium chromium, DemoWebFixture web, string parentOrigin, ViewportSize viewport,
        ColorScheme scheme = ColorScheme.Light, string path = "/dashboard/biz_demo", Dictionary<string, string>? headers = null)
    {
        // Whop's proxy adds the user token to every request the iframe makes to the app; extra headers do the same here.
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = viewport, ColorScheme = scheme, ExtraHTTPHeaders = headers });
        var page = await context.NewPageAsync();
        await page.GotoAsync(web.Parent.PageFraming($"{web.BaseUrl}{path}", parentOrigin), new() { WaitUntil = WaitUntilState.Load });
        return page;
    }

    // Set RA_SCREENSHOTS to a folder to keep what the creator would see (scripts/screenshots.sh does).
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("RA_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await page.WaitForTimeoutAsync(400); // let MudBlazor's ripple and transitions settle
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png") });
    }

    /// One part of a long page (the editor's steps) at full resolution.
    public static async Task SaveScreenshotAsync(ILocator part, string name)
    {
        var folder = Environment.GetEnvironmentVariable("RA_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        await part.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png") });
    }

    /// How far the framed app scrolls sideways (0 when it fits its width).
    public static Task<int> SideScrollAsync(IFrameLocator app) => app.Locator("html").EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
}
