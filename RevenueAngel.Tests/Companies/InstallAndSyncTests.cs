using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Companies;

/// Whop has no install event: the first admin visit installs the company, and the sync copies its Whop data.
public sealed class InstallAndSyncTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private RevenueAngelDbContext Db() => fixture.App.CreateDbContext();

    private CompanySync Sync => fixture.App.Services.GetRequiredService<CompanySync>();

    private async Task<FakeWhopBuilder> InstalledCompanyAsync(int members = 3)
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        for (var i = 1; i <= members; i++) company.AddMember(i, planId: i % 2 == 0 ? company.ProPlanId : company.BasicPlanId);
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId))).StatusCode);
        return company;
    }

    [Fact]
    public async Task TheFirstAdminVisitInstallsTheCompanyWithDefaultPlaybooksOffAndAsksForASync()
    {
        var company = await InstalledCompanyAsync();

        await using var db = Db();
        var installed = await db.Companies.SingleAsync(c => c.Id == company.CompanyId, Ct);
        Assert.Equal("Acme Traders", installed.Name);
        Assert.NotNull(installed.Sync.RequestedAt);
        var playbooks = await db.Playbooks.Where(p => p.CompanyId == company.CompanyId).Include(p => p.Steps).ToListAsync(Ct);
        Assert.Equal(["First purchase", "Payment failed recovery", "Upgrade to Pro"], playbooks.Select(p => p.Name).Order());
        Assert.All(playbooks, p => Assert.False(p.Enabled));
        Assert.Equal(7, playbooks.Sum(p => p.Steps.Count));
    }

    [Fact]
    public async Task ASecondVisitInstallsNothingMore()
    {
        var company = await InstalledCompanyAsync();

        await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId));

        await using var db = Db();
        Assert.Equal(3, await db.Playbooks.CountAsync(p => p.CompanyId == company.CompanyId, Ct));
    }

    [Fact]
    public async Task SyncCopiesPlansMembersAndMembershipsThroughEveryPage()
    {
        var company = await InstalledCompanyAsync(members: 230);

        await Sync.RunDueAsync(Ct);

        await using var db = Db();
        var state = (await db.Companies.SingleAsync(c => c.Id == company.CompanyId, Ct)).Sync;
        Assert.Equal((SyncStatus.Idle, 2, 1, 230, 230, null), (state.Status, state.Plans, state.Products, state.Members, state.Memberships, state.RequestedAt));
        Assert.Equal(230, await db.Memberships.CountAsync(m => m.CompanyId == company.CompanyId, Ct));
        var pro = await db.Plans.SingleAsync(p => p.Id == company.ProPlanId, Ct);
        Assert.Equal((4999L, 30, "usd"), (pro.RenewalPriceCents, pro.BillingPeriodDays!.Value, pro.Currency));
        var member = await db.Members.SingleAsync(m => m.CompanyId == company.CompanyId && m.WhopUserId == $"user_{company.CompanyId}_0007", Ct);
        Assert.Equal(("member7", "member7@example.com", $"mber_{company.CompanyId}_0007"), (member.Username, member.Email, member.WhopMemberId));
    }

    [Fact]
    public async Task SyncingTwiceGivesTheSameRows()
    {
        var company = await InstalledCompanyAsync(members: 20);
        await Sync.SyncAsync(company.CompanyId, Ct);
        var first = await SnapshotAsync(company.CompanyId);

        await Sync.SyncAsync(company.CompanyId, Ct);

        Assert.Equal(first, await SnapshotAsync(company.CompanyId));
    }

    [Fact]
    public async Task WhopChangesReachUsButAnOlderCopyNeverOverwritesANewerOne()
    {
        var company = await InstalledCompanyAsync(members: 2);
        await Sync.SyncAsync(company.CompanyId, Ct);
        var changed = fixture.Whop.Store.Memberships[$"mem_{company.CompanyId}_0001"];
        (changed.Status, changed.UpdatedAt) = ("past_due", changed.UpdatedAt.AddHours(1));
        var stale = fixture.Whop.Store.Memberships[$"mem_{company.CompanyId}_0002"];
        await using (var db = Db())
        {
            var newer = await db.Memberships.SingleAsync(m => m.Id == stale.Id, Ct);
            (newer.Status, newer.UpdatedAt) = ("canceled", stale.UpdatedAt.AddDays(1));
            await db.SaveChangesAsync(Ct);
        }

        await Sync.SyncAsync(company.CompanyId, Ct);

        await using var check = Db();
        Assert.Equal("past_due", (await check.Memberships.SingleAsync(m => m.Id == changed.Id, Ct)).Status);
        Assert.Equal("canceled", (await check.Memberships.SingleAsync(m => m.Id == stale.Id, Ct)).Status);
    }

    [Fact]
    public async Task AForbiddenAnswerMarksTheCompanyDisconnectedAndThePagesSaySo()
    {
        var company = await InstalledCompanyAsync();
        fixture.Whop.Store.Companies[company.CompanyId].Installed = false;

        await Sync.SyncAsync(company.CompanyId, Ct);

        await using (var db = Db())
        {
            var state = (await db.Companies.SingleAsync(c => c.Id == company.CompanyId, Ct)).Sync;
            Assert.Equal(SyncStatus.Disconnected, state.Status);
            Assert.NotNull(state.DisconnectedAt);
            Assert.Contains("not installed", state.LastError);
        }
        var page = await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId));
        Assert.Contains("data-testid=\"disconnected-banner\"", await page.Content.ReadAsStringAsync(Ct));

        // A disconnected company is not synced again on schedule, only when someone asks.
        var callsBefore = fixture.Whop.Store.Requests.Count(r => r.PathAndQuery.Contains(company.CompanyId));
        await Sync.RunDueAsync(Ct);
        Assert.Equal(callsBefore, fixture.Whop.Store.Requests.Count(r => r.PathAndQuery.Contains(company.CompanyId)));
    }

    [Fact]
    public async Task SettingsRejectWhatIsWrongAndSaveNothing()
    {
        var company = await InstalledCompanyAsync();
        var administration = fixture.App.Services.GetRequiredService<CompanyAdministration>();
        var settings = (await administration.GetSettingsAsync(company.CompanyId, Ct))!;
        (settings.TimeZone, settings.QuietHoursStart, settings.QuietHoursEnd, settings.AttributionWindowDays) = ("Mars/Olympus", new TimeOnly(22, 0), null, 0);

        var problems = await administration.SaveSettingsAsync(new CompanyScope(company.CompanyId), settings, Ct);

        Assert.Contains(problems, p => p.Contains("'Mars/Olympus' is not a known time zone"));
        Assert.Contains(problems, p => p.Contains("Quiet hours need both a start and an end"));
        Assert.Contains(problems, p => p.Contains("Attribution window"));
        Assert.Equal("UTC", (await administration.GetSettingsAsync(company.CompanyId, Ct))!.TimeZone);

        (settings.TimeZone, settings.QuietHoursEnd, settings.AttributionWindowDays) = ("Europe/Berlin", new TimeOnly(7, 0), 14);
        Assert.Empty(await administration.SaveSettingsAsync(new CompanyScope(company.CompanyId), settings, Ct));
        var saved = (await administration.GetSettingsAsync(company.CompanyId, Ct))!;
        Assert.Equal(("Europe/Berlin", new TimeOnly(22, 0), new TimeOnly(7, 0), 14), (saved.TimeZone, saved.QuietHoursStart, saved.QuietHoursEnd, saved.AttributionWindowDays));
    }

    [Fact]
    public async Task PermissionChecksNameTheOneWhopRefused()
    {
        var company = await InstalledCompanyAsync();
        var administration = fixture.App.Services.GetRequiredService<CompanyAdministration>();

        Assert.All(await administration.CheckPermissionsAsync(company.CompanyId, Ct), c => Assert.True(c.Granted, c.Permission));

        fixture.Whop.Store.Companies[company.CompanyId].Installed = false;
        var checks = await administration.CheckPermissionsAsync(company.CompanyId, Ct);
        Assert.All(checks, c => Assert.Contains("not installed", c.Problem));
    }

    private async Task<string> SnapshotAsync(string companyId)
    {
        await using var db = Db();
        var members = await db.Members.Where(m => m.CompanyId == companyId).OrderBy(m => m.WhopUserId)
            .Select(m => $"{m.Id}|{m.WhopUserId}|{m.Email}|{m.Name}").ToListAsync(Ct);
        var memberships = await db.Memberships.Where(m => m.CompanyId == companyId).OrderBy(m => m.Id)
            .Select(m => $"{m.Id}|{m.MemberId}|{m.PlanId}|{m.Status}|{m.UpdatedAt}").ToListAsync(Ct);
        var plans = await db.Plans.Where(p => p.CompanyId == companyId).OrderBy(p => p.Id)
            .Select(p => $"{p.Id}|{p.RenewalPriceCents}|{p.Title}").ToListAsync(Ct);
        return string.Join('\n', [.. members, .. memberships, .. plans]);
    }
}
