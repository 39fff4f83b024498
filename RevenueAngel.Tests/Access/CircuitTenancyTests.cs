using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;
using static Microsoft.Playwright.Assertions;

namespace RevenueAngel.Tests.Access;

/// An admin of one company drives the live circuit (as from the browser console) to another company's pages
/// while Whop is slow to answer the access check: nothing of the other company ever reaches the DOM, and
/// nothing of it changes.
public sealed class CircuitTenancyTests(LiveWhopAppFixture fixture, Chromium chromium)
    : IClassFixture<LiveWhopAppFixture>, IClassFixture<Chromium>
{
    private const string SecretTitle = "Their Secret Club";
    private const string SecretPlaybook = "Their Secret Winback";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    // Every change to the DOM is checked as it happens, not only the final page.
    private const string WatchScript = """
        secrets => {
          window.__leaks = [];
          const check = (text, where) => { for (const s of secrets) if (text && text.includes(s)) window.__leaks.push(where + ': ' + s); };
          new MutationObserver(records => {
            for (const r of records) {
              if (r.type === 'childList') for (const n of r.addedNodes) check(n.textContent, 'added');
              if (r.type === 'characterData') check(r.target.data, 'text');
              if (r.type === 'attributes') check(r.target.getAttribute(r.attributeName), 'attribute ' + r.attributeName);
            }
          }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    [Fact]
    public async Task NavigatingTheCircuitToAnotherCompanyShowsNothingOfItWhileWhopChecks()
    {
        var (mine, theirs, myToken) = await TwoCompaniesAsync();
        var theirPlaybook = await PlaybooksOfAsync(theirs.CompanyId);
        var page = await OpenAsync(myToken, $"/dashboard/{mine.CompanyId}/playbooks");
        await page.EvaluateAsync(WatchScript, new[] { SecretTitle, SecretPlaybook });

        fixture.Whop.Store.AccessCheckDelay = TimeSpan.FromSeconds(3);
        try
        {
            string[] paths =
            [
                $"/dashboard/{theirs.CompanyId}/playbooks", $"/dashboard/{theirs.CompanyId}/playbooks/{theirPlaybook[0].Id}",
                $"/dashboard/{theirs.CompanyId}/settings", $"/dashboard/{theirs.CompanyId}/analytics",
                $"/dashboard/{theirs.CompanyId}/activity", $"/dashboard/{theirs.CompanyId}/leads", $"/dashboard/{theirs.CompanyId}",
            ];
            foreach (var path in paths)
            {
                // Back on my own company first, so each foreign page starts from a page full of (my) data.
                await NavigateAsync(page, $"/dashboard/{mine.CompanyId}/playbooks");
                await Expect(page.Locator("[data-testid=playbooks] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await NavigateAsync(page, path);
                await Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
                Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__leaks"));
            }
        }
        finally
        {
            fixture.Whop.Store.AccessCheckDelay = TimeSpan.Zero;
        }

        Assert.DoesNotContain(SecretTitle, await page.ContentAsync());
        Assert.Equal(theirPlaybook, await PlaybooksOfAsync(theirs.CompanyId));
    }

    [Fact]
    public async Task NavigatingTheCircuitToAnExperienceWithoutAccessShowsNothingOfIt()
    {
        var (mine, theirs, myToken) = await TwoCompaniesAsync();
        var experienceId = $"exp_{theirs.CompanyId}";
        fixture.Whop.Store.Experiences[experienceId] = new FakeExperience(experienceId, theirs.CompanyId, WhopAppFixture.AppId, "RevenueAngel", theirs.ProductId);
        await using (var db = fixture.App.CreateDbContext())
            await db.Companies.Where(c => c.Id == theirs.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.WhopExperienceId, experienceId), Ct);
        var page = await OpenAsync(myToken, $"/dashboard/{mine.CompanyId}/playbooks");
        await page.EvaluateAsync(WatchScript, new[] { SecretTitle });

        fixture.Whop.Store.AccessCheckDelay = TimeSpan.FromSeconds(3);
        try
        {
            await NavigateAsync(page, $"/experiences/{experienceId}");
            await Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        finally
        {
            fixture.Whop.Store.AccessCheckDelay = TimeSpan.Zero;
        }
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__leaks"));
        Assert.DoesNotContain(SecretTitle, await page.ContentAsync());
    }

    private async Task<(FakeWhopBuilder Mine, FakeWhopBuilder Theirs, string MyToken)> TwoCompaniesAsync()
    {
        var mine = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var theirs = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        fixture.Whop.Store.Companies[theirs.CompanyId].Title = SecretTitle;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{theirs.CompanyId}", fixture.AdminTokenFor(theirs.CompanyId))).StatusCode);
        await using (var db = fixture.App.CreateDbContext())
            await db.Playbooks.Where(p => p.CompanyId == theirs.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, p => SecretPlaybook + " " + p.Id), Ct);
        var myToken = fixture.AdminTokenFor(mine.CompanyId);
        // The user is a customer of the other company: Whop knows them there, just not as an admin.
        fixture.Whop.Store.Grant(UserOf(myToken), theirs.CompanyId, "customer");
        return (mine, theirs, myToken);
    }

    private static string UserOf(string token) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Subject;

    private async Task<List<(long Id, string Name, bool Enabled, DateTimeOffset UpdatedAt)>> PlaybooksOfAsync(string companyId)
    {
        await using var db = fixture.App.CreateDbContext();
        var rows = await db.Playbooks.AsNoTracking().Where(p => p.CompanyId == companyId).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Enabled, p.UpdatedAt, p.DeletedAt }).ToListAsync(Ct);
        Assert.All(rows, r => Assert.Null(r.DeletedAt));
        return [.. rows.Select(r => (r.Id, r.Name, r.Enabled, r.UpdatedAt))];
    }

    private async Task<IPage> OpenAsync(string token, string path)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["x-whop-user-token"] = token },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}{path}");
        await Expect(page.Locator("[data-testid=circuit][data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        return page;
    }

    private static Task NavigateAsync(IPage page, string path) => page.EvaluateAsync("p => Blazor.navigateTo(p)", path);
}
