using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Demo;

/// The demo runs the real WhopClient against the fake Whop it serves itself, as `dotnet run` does.
public sealed class DemoWhopTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemoCompanySyncsFromTheDemosOwnFakeWhopAndEndsWhereItStarted()
    {
        var port = FreePort.Next();
        var database = await postgres.CreateDatabaseAsync("demowhop");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RevenueAngel"] = database,
            ["Demo:AllowDatabase"] = TestSettings.DatabaseName(database),
            ["urls"] = $"http://127.0.0.1:{port}",
        };
        await using var app = new RevenueAngelApp(settings, environment: "Development");
        app.UseKestrel(port);
        app.StartServer();
        var administration = app.Services.GetRequiredService<CompanyAdministration>();
        var counts = await CountsAsync(app);

        Assert.All(await administration.CheckPermissionsAsync("biz_demo", Ct), check => Assert.True(check.Granted, check.Problem));
        await administration.RequestSyncAsync(new CompanyScope("biz_demo"), Ct);
        Assert.Equal(1, await app.Services.GetRequiredService<CompanySync>().RunDueAsync(Ct));

        await using var db = app.CreateDbContext();
        var company = await db.Companies.SingleAsync(c => c.Id == "biz_demo", Ct);
        Assert.Equal((SyncStatus.Idle, null), (company.Sync.Status, company.Sync.LastError));
        Assert.Equal(await db.Memberships.CountAsync(Ct), company.Sync.Memberships);
        Assert.Equal("exp_biz_demo", company.WhopExperienceId);
        Assert.Equal(counts, await CountsAsync(app));
    }

    private static async Task<(int Members, int Memberships, int Plans, long PlanCents)> CountsAsync(RevenueAngelApp app)
    {
        await using var db = app.CreateDbContext();
        return (await db.Members.CountAsync(Ct), await db.Memberships.CountAsync(Ct), await db.Plans.CountAsync(Ct),
            await db.Plans.SumAsync(p => p.RenewalPriceCents, Ct));
    }

}
