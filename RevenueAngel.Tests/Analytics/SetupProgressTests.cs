using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Analytics;

/// The getting-started checklist is read from the company's own data, step by step.
public sealed class SetupProgressTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EachStepTurnsDoneWhenItsDataAppears(string provider)
    {
        var host = hosts[provider];
        var progress = host.Get<SetupProgress>();
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        await using var db = host.CreateDbContext();
        var company = new Company { Id = companyId, Name = "New", InstalledAt = DateTimeOffset.UtcNow };
        db.Companies.Add(company);
        await db.SaveChangesAsync(Ct);

        var fresh = await progress.ForCompanyAsync(companyId, Ct);

        company.Sync.CompletedAt = DateTimeOffset.UtcNow;
        db.Playbooks.Add(new Playbook { CompanyId = companyId, Name = "Off", Type = PlaybookType.Nurture, Enabled = false });
        await db.SaveChangesAsync(Ct);
        var synced = await progress.ForCompanyAsync(companyId, Ct);

        db.Playbooks.Add(new Playbook { CompanyId = companyId, Name = "On", Type = PlaybookType.Nurture, Enabled = true });
        db.WebhookEvents.Add(new WebhookEvent { WebhookId = $"msg_{Guid.NewGuid():N}", CompanyId = companyId, EventType = "payment.succeeded", Payload = "{}", ReceivedAt = DateTimeOffset.UtcNow });
        db.Conversions.Add(new Conversion { CompanyId = companyId, WhopPaymentId = $"pay_{Guid.NewGuid():N}", RevenueCents = 100, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
        var done = await progress.ForCompanyAsync(companyId, Ct);

        Assert.Equal(new SetupChecklist(true, false, false, false, false), fresh);
        Assert.Equal(new SetupChecklist(true, true, false, false, false), synced);
        Assert.True(done.IsComplete);
        Assert.Equal(new SetupChecklist(false, false, false, false, false), await progress.ForCompanyAsync("biz_unknown", Ct));
    }
}
