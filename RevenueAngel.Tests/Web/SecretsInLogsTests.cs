using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// Keys, tokens and signatures never reach a log line, at any level, on success or failure.
public sealed class SecretsInLogsTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    [Fact]
    public async Task NoLogLineCarriesTheApiKeyAUserTokenOrABearerHeader()
    {
        var company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();
        company.AddMember(1);
        var valid = fixture.AdminTokenFor(company.CompanyId);
        var tampered = valid[..^4] + "AAAA";
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", valid);
        await fixture.GetAsync($"/dashboard/{company.CompanyId}", tampered);
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Xunit.TestContext.Current.CancellationToken);
        fixture.Whop.Store.Companies[company.CompanyId].Installed = false;
        await fixture.Get<CompanySync>().SyncAsync(company.CompanyId, Xunit.TestContext.Current.CancellationToken);

        var lines = fixture.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Rejected a Whop user token"));
        Assert.Contains(lines, l => l.Contains("marked disconnected"));
        Assert.DoesNotContain(lines, l => l.Contains(fixture.Whop.Store.ApiKey));
        Assert.DoesNotContain(lines, l => l.Contains(valid.Split('.')[2]) || l.Contains(tampered.Split('.')[1]));
        Assert.DoesNotContain(lines, l => l.Contains("Bearer ", StringComparison.OrdinalIgnoreCase));
    }
}
