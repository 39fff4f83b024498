using Bunit;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Dashboard;

namespace RevenueAngel.Tests.Components;

/// A circuit lives for hours; an admin whose access Whop withdraws loses the page within the access cache time.
public sealed class AccessRevocationTests : MudTestContext, IClassFixture<WhopFakeFixture>
{
    private readonly WhopFakeFixture _fixture;
    private readonly FakeWhopBuilder _company;
    private readonly string _userId = $"user_{Guid.NewGuid():N}"[..20];

    public AccessRevocationTests(WhopFakeFixture fixture)
    {
        _fixture = fixture;
        _company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        fixture.Whop.Store.Grant(_userId, _company.CompanyId, "admin");
        UsePageServices(fixture.Core, _userId, new WhopOptions { AccessCacheSeconds = 1 });
    }

    [Fact]
    public void ARevokedAdminLosesTheOpenPageWithoutANewRequest()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, _company.CompanyId));
        cut.WaitForAssertion(() => Assert.Contains("not set up", cut.Markup));

        _fixture.Whop.Store.Grant(_userId, _company.CompanyId, "no_access");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=access-denied]")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("not set up", cut.Markup);
    }
}
