using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// Capture, dedupe, linking and merging read and write the same way on PostgreSQL and on the demo's embedded SQLite.
public sealed class LeadProvidersTests(BothProvidersFixture providers) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task CaptureDedupesAndAWhopUserWithTheSameEmailMergesIntoTheFirstLead(string provider)
    {
        var host = providers[provider];
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        await using (var db = host.CreateDbContext())
        {
            db.Companies.Add(new Company { Id = companyId, Name = "Both", InstalledAt = DateTimeOffset.UtcNow });
            db.Leads.Add(new Lead { CompanyId = companyId, WhopUserId = "user_both", Source = LeadSources.WhopWaitlist, CapturedAt = DateTimeOffset.UtcNow.AddDays(1) });
            await db.SaveChangesAsync(Ct);
        }
        var key = await host.Get<LeadCaptureKeys>().GetOrCreateAsync(new CompanyScope(companyId), Ct);
        var capture = host.Get<LeadCapture>();

        var first = await capture.CaptureAsync(key, new LeadCaptureRequest("Both@Example.com", "Bo"), Ct);
        var second = await capture.CaptureAsync(key, new LeadCaptureRequest("both@example.com", Consent: true, ConsentText: "ok"), Ct);
        await using (var db = host.CreateDbContext())
            await LeadLinker.FindAsync(db, companyId, new WhopLeadIdentity("user_both", "both@example.com", null, null), DateTimeOffset.UtcNow, Ct);

        Assert.Equal((LeadCaptureStatus.Created, LeadCaptureStatus.Updated), (first.Status, second.Status));
        await using var check = host.CreateDbContext();
        var lead = await check.Leads.SingleAsync(l => l.CompanyId == companyId, Ct);
        Assert.Equal((first.Lead!.Id, "both@example.com", "user_both", "Bo", true, LeadSources.Web),
            (lead.Id, lead.Email, lead.WhopUserId, lead.Name, lead.EmailConsent, lead.Source));
    }
}
