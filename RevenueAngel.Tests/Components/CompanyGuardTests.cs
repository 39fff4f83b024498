using Bunit;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Dashboard;

namespace RevenueAngel.Tests.Components;

/// Inside a circuit there is no HTTP request to stop: the guard itself asks Whop before showing a company.
public sealed class CompanyGuardTests : MudTestContext, IClassFixture<WhopFakeFixture>
{
    private readonly FakeWhopBuilder _mine;
    private readonly FakeWhopBuilder _theirs;

    public CompanyGuardTests(WhopFakeFixture fixture)
    {
        _mine = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        _theirs = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var userId = $"user_{Guid.NewGuid():N}"[..20];
        fixture.Whop.Store.Grant(userId, _mine.CompanyId, "admin");
        fixture.Whop.Store.Grant(userId, _theirs.CompanyId, "customer");

        UsePageServices(fixture.Core, userId);
    }

    [Fact]
    public void ACompanyTheUserAdministersIsShown()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, _mine.CompanyId));

        cut.WaitForAssertion(() => Assert.Contains("RevenueAngel is not set up for this company yet", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=access-denied]"));
    }

    [Fact]
    public void NavigatingToACompanyWhereTheUserIsOnlyACustomerIsRefused()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, _mine.CompanyId));
        cut.WaitForAssertion(() => Assert.Contains("not set up", cut.Markup));

        cut.Render(p => p.Add(x => x.CompanyId, _theirs.CompanyId));

        cut.WaitForAssertion(() => Assert.Contains("You do not have access to this company", cut.Find("[data-testid=access-denied]").TextContent));
        Assert.DoesNotContain("not set up", cut.Markup);
    }
}
