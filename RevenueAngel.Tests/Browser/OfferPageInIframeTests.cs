using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Offers;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Browser;

/// A member opens a save offer from a message inside Whop's cross-origin iframe, accepts it with one click and
/// the membership is paused on (fake) Whop; at Whop's narrow and wide widths, light and dark.
public sealed class OfferPageInIframeTests(DemoWebFixture web, Chromium chromium)
    : IClassFixture<DemoWebFixture>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("narrow", 375, ColorScheme.Light, 0)]
    [InlineData("wide", 1280, ColorScheme.Light, 1)]
    [InlineData("wide-dark", 1280, ColorScheme.Dark, 2)]
    public async Task AMemberAcceptsAPauseWithOneClick(string name, int width, ColorScheme scheme, int memberIndex)
    {
        var store = web.App.Services.GetRequiredService<FakeWhopStore>();
        (long MemberId, string MembershipId, string UserId) member;
        await using (var db = web.App.CreateDbContext())
        {
            // Members whose membership the fake Whop knows, one per case: the cooldown allows one accepted offer each.
            var candidates = await db.Memberships.Where(m => m.CompanyId == "biz_demo" && m.Status == "active")
                .Join(db.Members, m => m.MemberId, m => m.Id, (m, p) => new { m.MemberId, MembershipId = m.Id, p.WhopUserId })
                .OrderByDescending(m => m.MemberId).Take(50).ToListAsync(Ct);
            var chosen = candidates.Where(c => store.Memberships.ContainsKey(c.MembershipId) && !store.Memberships[c.MembershipId].Paused)
                .Skip(memberIndex).First();
            member = (chosen.MemberId, chosen.MembershipId, chosen.WhopUserId);
        }
        var offer = await web.App.Services.GetRequiredService<OfferService>()
            .CreateAsync(new CompanyScope("biz_demo"), member.MemberId, member.MembershipId, new OfferTerms(OfferKind.Pause, Days: 30), ct: Ct);
        store.Grant(member.UserId, "exp_biz_demo", "customer");
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = width, Height = 800 }, scheme,
            $"/experiences/exp_biz_demo/offers/{offer.Token}",
            new() { ["x-whop-user-token"] = store.Tokens.Mint(member.UserId, DemoWhop.AppId, DateTimeOffset.UtcNow) });
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=offer-terms]")).ToContainTextAsync("30 days");
        Assert.Equal(0, await FramedPages.SideScrollAsync(app));
        await FramedPages.SaveScreenshotAsync(page, $"offer-{name}");

        await app.Locator("button[data-testid=accept]").ClickAsync();

        await Expect(app.Locator("[data-testid=offer-accepted]")).ToContainTextAsync("paused until", new() { Timeout = 15_000 });
        Assert.True(store.Memberships[member.MembershipId].Paused);
        await FramedPages.SaveScreenshotAsync(page, $"offer-{name}-accepted");

        await app.Locator("html").EvaluateAsync("() => location.reload()");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(app.Locator("[data-testid=offer-accepted]")).ToBeVisibleAsync();
        await Expect(app.Locator("button[data-testid=accept]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DecliningShowsWhopsReasonsInsideTheFrame()
    {
        var store = web.App.Services.GetRequiredService<FakeWhopStore>();
        (long MemberId, string MembershipId, string UserId) member;
        await using (var db = web.App.CreateDbContext())
        {
            var chosen = await db.Memberships.Where(m => m.CompanyId == "biz_demo" && m.Status == "active")
                .Join(db.Members, m => m.MemberId, m => m.Id, (m, p) => new { m.MemberId, MembershipId = m.Id, p.WhopUserId })
                .OrderBy(m => m.MemberId).FirstAsync(Ct);
            member = (chosen.MemberId, chosen.MembershipId, chosen.WhopUserId);
        }
        var offer = await web.App.Services.GetRequiredService<OfferService>()
            .CreateAsync(new CompanyScope("biz_demo"), member.MemberId, member.MembershipId, new OfferTerms(OfferKind.Discount, Percent: 25), ct: Ct);
        store.Grant(member.UserId, "exp_biz_demo", "customer");
        var page = await FramedPages.OpenAsync(chromium, web, web.Parent.AllowedOrigin, new() { Width = 375, Height = 800 }, ColorScheme.Dark,
            $"/experiences/exp_biz_demo/offers/{offer.Token}",
            new() { ["x-whop-user-token"] = store.Tokens.Mint(member.UserId, DemoWhop.AppId, DateTimeOffset.UtcNow) });
        var app = page.FrameLocator("#app");
        await Expect(app.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await app.Locator("button[data-testid=decline]").ClickAsync();
        await Expect(app.Locator("[data-testid=decline-form] input[type=radio]")).ToHaveCountAsync(CancelOptions.All.Count);
        await FramedPages.SaveScreenshotAsync(page, "offer-narrow-dark-decline");
        await app.GetByText("It's too expensive").ClickAsync();
        await app.Locator("button[data-testid=decline-submit]").ClickAsync();

        await Expect(app.Locator("[data-testid=offer-declined]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await using var check = web.App.CreateDbContext();
        Assert.Equal("too_expensive", await check.SaveOffers.Where(o => o.Id == offer.Id).Select(o => o.DeclineReason).SingleAsync(Ct));
        await page.Context.CloseAsync();
    }
}
