using Bunit;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Dashboard;

namespace RevenueAngel.Tests.Components;

public sealed class DashboardPageTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly DemoCoreFixture _demo;

    public DashboardPageTests(DemoCoreFixture demo)
    {
        _demo = demo;
        UsePageServices(demo.Core);
    }

    [Fact]
    public async Task ShowsTheCompanysNumbersFromTheDatabase()
    {
        var expectedMembers = await CountAsync("SELECT count(*) AS \"Value\" FROM members WHERE company_id = 'biz_demo'");
        var expectedMrrCents = await CountAsync("""
            SELECT round(sum(p.renewal_price_cents * 365.25 / 12 / p.billing_period_days))::bigint AS "Value"
            FROM memberships m JOIN plans p ON p.id = m.plan_id
            WHERE m.company_id = 'biz_demo' AND m.status IN ('active', 'canceling')
            """);

        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, "biz_demo"));

        cut.WaitForAssertion(() => Assert.Equal(expectedMembers.ToString("N0"), cut.Find("[data-testid=kpi-members]").TextContent));
        Assert.Equal($"${expectedMrrCents / 100m:#,0.00}", cut.Find("[data-testid=kpi-mrr]").TextContent);
        Assert.Contains("Demo Community", cut.Markup);
        Assert.NotNull(cut.Find("[data-testid=demo-banner]"));
    }

    [Fact]
    public async Task ChoosingAnotherPeriodRecountsFailedPayments()
    {
        var since = DemoCoreFixture.Today.AddDays(-7);
        await using var db = _demo.Core.CreateDbContext();
        var failedInWeek = await db.Payments.CountAsync(p => p.CompanyId == "biz_demo" && p.FailedAt >= since, Xunit.TestContext.Current.CancellationToken);
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, "biz_demo"));
        cut.WaitForAssertion(() => Assert.Contains("Failed payments, last 30 days", cut.Markup));

        cut.FindAll("button.mud-toggle-item").Single(b => b.TextContent.Contains("7 days")).Click();

        cut.WaitForAssertion(() => Assert.Contains("Failed payments, last 7 days", cut.Markup));
        Assert.Equal(failedInWeek.ToString("N0"), cut.Find("[data-testid=kpi-failed]").TextContent);
    }

    [Fact]
    public void ACompanyTheUserMayNotSeeShowsNoNumbers()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, "biz_someone_else"));

        cut.WaitForAssertion(() => Assert.Contains("Open RevenueAngel again from your Whop dashboard", cut.Find("[data-testid=access-denied]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid^=kpi-]"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var db = _demo.Core.CreateDbContext();
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
