using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Access;
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

        var session = new WhopSession();
        session.SignIn(userId);
        Services.AddSingleton(session);
        Services.AddSingleton(fixture.Core.Get<WhopClient>());
        Services.AddSingleton(fixture.Core.Get<DemoMode>());
        Services.AddSingleton(fixture.Core.Get<DashboardQueries>());
        Services.AddSingleton(fixture.Core.Get<CompanyAdministration>());
        Services.AddSingleton(fixture.Core.Get<IOptions<WhopOptions>>());
        Services.AddMemoryCache();
        Services.AddScoped<CompanyAccess>();
        RenderAsInteractiveServer();
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
