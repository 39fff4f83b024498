using Microsoft.Playwright;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// An email step in the editor inside Whop's iframe: Email in "Send as", the preheader, and the preview as the rendered
/// email in a sandboxed frame, at Whop's narrow and wide widths.
public sealed class EmailStepInIframeTests(DemoWebFixture web, Chromium chromium) : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData("narrow", 400)]
    [InlineData("wide", 1280)]
    public async Task AnEmailStepPreviewsTheRenderedEmailInASandboxedFrame(string name, int width)
    {
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 900 },
            path: "/dashboard/biz_demo/playbooks");
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await app.Locator("button[data-testid=new-playbook]").ClickAsync();
        await app.Locator("button[data-testid=create-playbook]").ClickAsync();
        await Expect(app.Locator("[data-testid=editor-title]")).ToHaveTextAsync("New playbook");

        await app.Locator("[data-testid=step-channel]").Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]").ClickAsync();
        await app.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Email" }).ClickAsync();
        await Expect(app.Locator("input[data-testid=step-preheader]")).ToBeVisibleAsync();
        await app.Locator("input[data-testid=step-title]").FillAsync("A week in, {{ first_name }}");
        await app.Locator("input[data-testid=step-preheader]").FillAsync("Three things members love");
        await app.Locator("textarea[data-testid=step-body]").FillAsync("Hi {{ first_name }},\n\n**Live calls** every Tuesday.\n\n- Ask anything\n- Get feedback");

        var frame = app.Locator("iframe[data-testid=preview-email]");
        await Expect(frame).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
        var email = app.FrameLocator("iframe[data-testid=preview-email]");
        await Expect(email.Locator("strong")).ToHaveTextAsync("Live calls");
        await Expect(email.Locator("body")).ToContainTextAsync("548 Market St");
        await Expect(email.Locator("body")).ToContainTextAsync("Unsubscribe");
        await Expect(app.Locator("input[data-testid=test-address]")).ToBeVisibleAsync();

        var overflow = await FramedPages.SideScrollAsync(app);
        Assert.True(overflow <= 0, $"the editor with an email step scrolls sideways by {overflow}px at {width}px");
        await app.Locator("[data-testid=step-channel]").ScrollIntoViewIfNeededAsync();
        await FramedPages.SaveScreenshotAsync(page, $"email-step-{name}");
        await frame.ScrollIntoViewIfNeededAsync();
        await FramedPages.SaveScreenshotAsync(page, $"email-step-preview-{name}");
    }
}
