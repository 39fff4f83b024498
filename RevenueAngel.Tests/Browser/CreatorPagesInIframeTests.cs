using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// The app's pages as creators and members see them: inside an iframe on another origin, in real Chromium.
public sealed class CreatorPagesInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    [Fact]
    public async Task DashboardRunsInsideAnIframeOnAnotherOriginAndAnswersClicks()
    {
        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = 1280, Height = 900 });
        var app = page.FrameLocator("#app");

        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.GetByText("Failed payments, last 30 days")).ToBeVisibleAsync();
        var monthly = await app.Locator("[data-testid=kpi-failed]").InnerTextAsync();

        await app.Locator(".mud-toggle-item", new() { HasText = "7 days" }).ClickAsync();

        await Expect(app.GetByText("Failed payments, last 7 days")).ToBeVisibleAsync();
        var weekly = await app.Locator("[data-testid=kpi-failed]").InnerTextAsync();
        Assert.True(int.Parse(weekly, System.Globalization.NumberStyles.AllowThousands) <=
                    int.Parse(monthly, System.Globalization.NumberStyles.AllowThousands));
    }

    [Fact]
    public async Task AnOriginThatIsNotAllowedCannotFrameTheDashboard()
    {
        var page = await OpenInParentAsync(web.Parent.OtherOrigin, new() { Width = 1280, Height = 900 });

        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.StartsWith("chrome-error://", frame.Url);
        Assert.Equal(0, await page.FrameLocator("#app").Locator("[data-testid=circuit]").CountAsync());
    }

    [Theory]
    [InlineData("narrow", 390, ColorScheme.Light)]
    [InlineData("narrow-dark", 390, ColorScheme.Dark)]
    [InlineData("wide", 1440, ColorScheme.Light)]
    [InlineData("wide-dark", 1440, ColorScheme.Dark)]
    public async Task DashboardFitsWhopsNarrowAndWideWidthsWithoutSideScrolling(string name, int width, ColorScheme scheme)
    {
        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = width, Height = 900 }, scheme);
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=kpi-mrr]")).ToBeVisibleAsync();

        var overflow = await app.Locator("html").EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {width}px");
        await SaveScreenshotAsync(page, $"dashboard-{name}");
    }

    [Fact]
    public async Task SyncNowOnTheSettingsPageRunsTheRealClientAgainstTheDemosWhop()
    {
        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = 1280, Height = 900 }, path: "/dashboard/biz_demo/settings");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await app.Locator("[data-testid=sync-now]").ClickAsync();

        await Expect(app.Locator("[data-testid=sync-summary]")).ToContainTextAsync("Last synced", new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=sync-status]")).ToHaveTextAsync("Demo");
        await Expect(app.Locator("[data-testid=webhook-url]")).ToHaveValueAsync($"{web.BaseUrl}/api/webhooks/whop");
    }

    [Theory]
    [InlineData("narrow", 390, ColorScheme.Light)]
    [InlineData("wide-dark", 1440, ColorScheme.Dark)]
    public async Task SettingsFitWhopsNarrowAndWideWidthsWithoutSideScrolling(string name, int width, ColorScheme scheme)
    {
        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = width, Height = 900 }, scheme, "/dashboard/biz_demo/settings");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=save-settings]")).ToBeVisibleAsync();

        var overflow = await app.Locator("html").EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {width}px");
        await SaveScreenshotAsync(page, $"settings-{name}");
    }

    [Theory]
    [InlineData("narrow", 390, ColorScheme.Light)]
    [InlineData("wide", 1440, ColorScheme.Light)]
    public async Task ActivityShowsAReceivedWebhookWithItsPayloadAtNarrowAndWideWidths(string name, int width, ColorScheme scheme)
    {
        var paymentId = $"pay_browser_{name}";
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "msg_x", api_version = "v1", type = "payment.created", timestamp = DateTimeOffset.UtcNow.ToString("O"), company_id = "biz_demo",
            data = new { id = paymentId, status = "open", total = 19.0, currency = "usd", user = new { id = "user_demo_00003" }, plan = new { id = "plan_demo_basic" } },
        });
        var id = $"msg_{Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{web.BaseUrl}/api/webhooks/whop") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Core.Webhooks.WebhookSignature.Sign(web.App.Services.GetRequiredService<FakeWhopStore>().WebhookSecret, id, timestamp, System.Text.Encoding.UTF8.GetBytes(body)));
        using var http = new HttpClient();
        Assert.True((await http.SendAsync(request, Xunit.TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = width, Height = 900 }, scheme, "/dashboard/biz_demo/activity");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await app.Locator("[data-testid=search]").Locator("input").Or(app.Locator("input[data-testid=search]")).First.FillAsync(paymentId);
        await Expect(app.Locator("[data-testid=row-status]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(app.Locator("[data-testid=row-status]")).ToHaveTextAsync("Applied", new() { Timeout = 15_000 });
        await app.Locator("tr.cursor-pointer").First.ClickAsync();
        await Expect(app.Locator("[data-testid=payload]")).ToContainTextAsync(paymentId);

        var overflow = await app.Locator("html").EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {width}px");
        await SaveScreenshotAsync(page, $"activity-{name}");
    }

    [Fact]
    public async Task AMemberSeesTheirMembershipInTheExperienceView()
    {
        var store = web.App.Services.GetRequiredService<FakeWhopStore>();
        await using var db = web.App.CreateDbContext();
        var pastDue = await db.Memberships.Where(m => m.Status == "past_due").Join(db.Members, m => m.MemberId, m => m.Id, (_, m) => m.WhopUserId)
            .FirstAsync(Xunit.TestContext.Current.CancellationToken);
        store.Grant(pastDue, "exp_biz_demo", "customer");
        var token = store.Tokens.Mint(pastDue, DemoWhop.AppId, DateTimeOffset.UtcNow);

        var page = await OpenInParentAsync(web.Parent.AllowedOrigin, new() { Width = 390, Height = 900 }, path: "/experiences/exp_biz_demo",
            headers: new Dictionary<string, string> { ["x-whop-user-token"] = token });

        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=membership]").First).ToContainTextAsync("Your last payment failed", new() { Timeout = 30_000 });
        await Expect(app.GetByText("Manage billing")).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "experience-narrow");
    }

    private Task<IPage> OpenInParentAsync(string parentOrigin, ViewportSize viewport, ColorScheme scheme = ColorScheme.Light,
        string path = "/dashboard/biz_demo", Dictionary<string, string>? headers = null) =>
        FramedPages.OpenAsync(chromium, web, parentOrigin, viewport, scheme, path, headers);

    private static Task SaveScreenshotAsync(IPage page, string name) => FramedPages.SaveScreenshotAsync(page, name);
}
