using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Leads;

/// A successful first payment converts the buyer's lead — the one with their Whop user, else their email — once.
public sealed class LeadMatchingTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private object Payment(string companyId, string userId, string paymentId, string? email = null, string billingReason = "subscription_create")
    {
        var data = (Dictionary<string, object?>)WhopEvents.Payment(paymentId, companyId, userId, $"mem_{userId}", LeadsAppFixture.PaidPlan(companyId), 19m, "paid",
            app.Time.GetUtcNow(), billingReason);
        data["user"] = new { id = userId, username = userId, name = "Sam Lee", email };
        return data;
    }

    private async Task<Lead> AddLeadAsync(string companyId, string? email, string? whopUserId, string source, DateTimeOffset capturedAt)
    {
        await using var db = app.App.CreateDbContext();
        var lead = new Lead { CompanyId = companyId, Email = email, WhopUserId = whopUserId, Source = source, CapturedAt = capturedAt };
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Ct);
        return lead;
    }

    [Fact]
    public async Task TheLeadWithTheBuyersWhopUserConvertsOnceHoweverOftenThePaymentArrives()
    {
        var (companyId, _) = await app.CompanyAsync();
        var userId = $"user_{companyId}_1";
        var lead = await AddLeadAsync(companyId, null, userId, LeadSources.WhopWaitlist, app.Time.GetUtcNow().AddDays(-3));
        var bystander = await AddLeadAsync(companyId, "someone@example.com", null, LeadSources.Web, app.Time.GetUtcNow().AddDays(-3));
        var paymentId = $"pay_{companyId}_1";

        await app.ApplyAsync(companyId, "payment.succeeded", Payment(companyId, userId, paymentId));
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.ApplyAsync(companyId, "payment.succeeded", Payment(companyId, userId, paymentId));
        await app.ApplyAsync(companyId, "payment.succeeded", Payment(companyId, userId, $"pay_{companyId}_renewal", billingReason: "subscription_cycle"));

        await using var db = app.App.CreateDbContext();
        var converted = await db.Leads.SingleAsync(l => l.Id == lead.Id, Ct);
        var member = await db.Members.SingleAsync(m => m.CompanyId == companyId && m.WhopUserId == userId, Ct);
        Assert.Equal((LeadStatus.Converted, paymentId, member.Id), (converted.Status, converted.ConvertedPaymentId, converted.MemberId));
        Assert.Equal(app.Time.GetUtcNow().AddHours(-1), converted.ConvertedAt);
        Assert.Equal(ConversionType.FirstPurchase, (await db.Conversions.SingleAsync(c => c.CompanyId == companyId, Ct)).Type);
        Assert.Equal(LeadStatus.New, (await db.Leads.SingleAsync(l => l.Id == bystander.Id, Ct)).Status);
    }

    [Fact]
    public async Task WithoutAUserMatchTheLeadWithTheBuyersEmailConvertsAndIsLinked()
    {
        var (companyId, key) = await app.CompanyAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.CaptureAsync(key, new { email = "buyer@example.com", consent = true })).StatusCode);
        var userId = $"user_{companyId}_2";

        await app.ApplyAsync(companyId, "payment.succeeded", Payment(companyId, userId, $"pay_{companyId}_2", email: "Buyer@Example.com"));

        await using var db = app.App.CreateDbContext();
        var lead = await db.Leads.SingleAsync(l => l.CompanyId == companyId, Ct);
        Assert.Equal((LeadStatus.Converted, userId, LeadSources.Web), (lead.Status, lead.WhopUserId, lead.Source));
        Assert.NotNull(lead.MemberId);
    }

    [Fact]
    public async Task APersonKnownByEmailAndByWhopUserBecomesOneLeadTheOlderOneAndConverts()
    {
        var (companyId, _) = await app.CompanyAsync();
        var userId = $"user_{companyId}_3";
        var web = await AddLeadAsync(companyId, "both@example.com", null, LeadSources.Web, app.Time.GetUtcNow().AddDays(-10));
        await AddLeadAsync(companyId, null, userId, LeadSources.WhopWaitlist, app.Time.GetUtcNow().AddDays(-2));

        await app.ApplyAsync(companyId, "payment.succeeded", Payment(companyId, userId, $"pay_{companyId}_3", email: "both@example.com"));

        await using var db = app.App.CreateDbContext();
        var lead = await db.Leads.SingleAsync(l => l.CompanyId == companyId, Ct);
        Assert.Equal((web.Id, "both@example.com", userId, LeadStatus.Converted), (lead.Id, lead.Email, lead.WhopUserId, lead.Status));
        Assert.All(await db.WebhookEvents.Where(e => e.CompanyId == companyId).ToListAsync(Ct), e => Assert.Equal(WebhookEventStatus.Processed, e.Status));
    }
}
