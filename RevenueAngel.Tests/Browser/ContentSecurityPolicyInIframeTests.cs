using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// Every page runs in Whop's cross-origin iframe under the app's Content-Security-Policy: the circuit connects,
/// clicks are answered, and Chromium reports no violation.
public sealed class ContentSecurityPolicyInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    // Chromium logs "Refused to … because it violates the following Content Security Policy directive"; the
    // event listener (in every frame) also catches what the console might word differently.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
        """;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCreatorPagesRunUnderThePolicyWithoutAViolation()
    {
        long playbookId;
        await using (var db = web.App.CreateDbContext())
            playbookId = await db.Playbooks.Where(p => p.CompanyId == "biz_demo").Select(p => p.Id).FirstAsync(Ct);
        string[] paths =
        [
            "/dashboard/biz_demo", "/dashboard/biz_demo/playbooks", $"/dashboard/biz_demo/playbooks/{playbookId}",
            "/dashboard/biz_demo/analytics", "/dashboard/biz_demo/settings", "/dashboard/biz_demo/activity",
        ];
        var (page, violations) = await OpenWatchedAsync();

        foreach (var path in paths)
        {
            var app = await GoToAsync(page, path);
            await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
            await Expect(app.Locator(".mud-main-content")).ToBeVisibleAsync();
            if (path == "/dashboard/biz_demo")
            {
                await app.Locator(".mud-toggle-item", new() { HasText = "7 days" }).ClickAsync();
                await Expect(app.GetByText("Failed payments, last 7 days")).ToBeVisibleAsync();
            }
            // Late scripts, styles and the theme report too; give them a moment before the next page.
            await page.WaitForTimeoutAsync(300);
        }

        Assert.Empty(violations);

        // The watch itself works: an image from another origin is refused and reported.
        await page.Frames.Single(f => f != page.MainFrame).EvaluateAsync(
            "() => { const image = new Image(); image.src = 'https://blocked.example/pixel.png'; document.body.append(image); }");
        for (var waited = 0; violations.IsEmpty && waited < 5_000; waited += 100) await page.WaitForTimeoutAsync(100);
        Assert.Contains(violations, v => v.Contains("img-src", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheMemberPageRunsUnderThePolicyWithoutAViolation()
    {
        var store = web.App.Services.GetRequiredService<FakeWhopStore>();
        await using var db = web.App.CreateDbContext();
        var member = await db.Memberships.Where(m => m.Status == "active").Join(db.Members, m => m.MemberId, m => m.Id, (_, m) => m.WhopUserId)
            .FirstAsync(Ct);
        store.Grant(member, "exp_biz_demo", "customer");
        var (page, violations) = await OpenWatchedAsync(new() { ["x-whop-user-token"] = store.Tokens.Mint(member, DemoWhop.AppId, DateTimeOffset.UtcNow) });

        var app = await GoToAsync(page, "/experiences/exp_biz_demo");

        await Expect(app.Locator("[data-testid=membership]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(300);
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    private async Task<(IPage Page, ConcurrentQueue<string> Violations)> OpenWatchedAsync(Dictionary<string, string>? headers = null)
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ExtraHTTPHeaders = headers });
        await context.AddInitScriptAsync(ReportViolations);
        var violations = new ConcurrentQueue<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Enqueue(message.Text);
        };
        return (page, violations);
    }

    private async Task<IFrameLocator> GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(web.Parent.PageFraming($"{web.BaseUrl}{path}", web.Parent.AllowedOrigin), new() { WaitUntil = WaitUntilState.Load });
        return page.FrameLocator("#app");
    }
}
