using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Companies;

/// The app with its jobs as in production: installing a company wakes the sync job instead of leaving the first
/// sync to the next poll (an hour away here).
public sealed class FirstSyncOnInstallFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Whop:SyncOnInstall"] = "true";
}

public sealed class FirstSyncOnInstallTests(FirstSyncOnInstallFixture fixture) : IClassFixture<FirstSyncOnInstallFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheFirstSyncStartsWithinSecondsOfTheInstallingVisit()
    {
        // The first page of a fresh host compiles for seconds; that is not the wait being measured.
        var warmUp = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        await fixture.GetAsync($"/dashboard/{warmUp.CompanyId}", fixture.AdminTokenFor(warmUp.CompanyId));
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        for (var i = 1; i <= 5; i++) company.AddMember(i);
        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync($"/dashboard/{company.CompanyId}", fixture.AdminTokenFor(company.CompanyId))).StatusCode);

        var visited = clock.Elapsed;
        CompanySyncState state;
        TimeSpan? started = null;
        do
        {
            await Task.Delay(50, Ct);
            await using var db = fixture.App.CreateDbContext();
            state = (await db.Companies.AsNoTracking().SingleAsync(c => c.Id == company.CompanyId, Ct)).Sync;
            if (state.RequestedAt is null) started ??= clock.Elapsed;
        }
        while (state.CompletedAt is null && clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5),
            $"visit {visited.TotalSeconds:N1} s, sync started {started?.TotalSeconds:N1} s, finished {clock.Elapsed.TotalSeconds:N1} s");
        Assert.Equal((SyncStatus.Idle, 5, null), (state.Status, state.Memberships, state.RequestedAt));
        await using var check = fixture.App.CreateDbContext();
        Assert.Equal(5, await check.Memberships.CountAsync(m => m.CompanyId == company.CompanyId, Ct));
    }
}
