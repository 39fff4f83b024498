using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Dashboard;

namespace RevenueAngel.Tests.Components;

/// The Whop user carried into a circuit is not forever: past Whop:CircuitIdentityMinutes the open page asks to be
/// opened again from Whop, without any new request.
public sealed class CircuitIdentityExpiryTests : MudTestContext, IClassFixture<WhopFakeFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeWhopBuilder _company;

    public CircuitIdentityExpiryTests(WhopFakeFixture fixture)
    {
        _company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        var userId = $"user_{Guid.NewGuid():N}"[..20];
        fixture.Whop.Store.Grant(userId, _company.CompanyId, "admin");
        Services.AddSingleton<TimeProvider>(_time);
        UsePageServices(fixture.Core, userId, new WhopOptions { AccessCacheSeconds = 1, CircuitIdentityMinutes = 30 });
    }

    [Fact]
    public void AnOpenPageEndsItsSessionOnceTheIdentityIsOlderThanItsLifetime()
    {
        var cut = Render<DashboardPage>(p => p.Add(x => x.CompanyId, _company.CompanyId));
        cut.WaitForAssertion(() => Assert.Contains("not set up", cut.Markup));

        _time.Advance(TimeSpan.FromMinutes(29));
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Assert.Contains("not set up", cut.Markup);

        _time.Advance(TimeSpan.FromMinutes(2));
        cut.WaitForAssertion(() => Assert.Contains("Your session has ended", cut.Find("[data-testid=access-denied]").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("not set up", cut.Markup);
    }
}
