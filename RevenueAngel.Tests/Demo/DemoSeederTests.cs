using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Demo;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Demo;

public sealed class DemoSeederTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Today = new(2026, 11, 26, 15, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<CoreHost> StartDemoAsync() =>
        await CoreHost.StartAsync(TestSettings.Demo(await postgres.CreateDatabaseAsync("demo")), new FakeTimeProvider(Today));

    [Fact]
    public async Task SeedingTwiceChangesNothing()
    {
        await using var host = await StartDemoAsync();
        var before = await SnapshotAsync(host);

        Assert.False(await host.Get<DemoSeeder>().SeedAsync(Ct));

        Assert.Equal(before, await SnapshotAsync(host));
    }

    [Fact]
    public async Task SeedingIsDeterministicForTheSameDay()
    {
        await using var first = await StartDemoAsync();
        await using var second = await StartDemoAsync();

        Assert.Equal(await SnapshotAsync(first), await SnapshotAsync(second));
    }

    [Fact]
    public async Task DemoCompanyLooksLikeARealCommunity()
    {
        await using var host = await StartDemoAsync();
        await using var db = host.CreateDbContext();
        var company = await db.Companies.SingleAsync(Ct);
        Assert.Equal(("biz_demo", "Demo Community", true), (company.Id, company.Name, company.IsDemo));

        Assert.True(await db.Members.CountAsync(Ct) >= 500);
        Assert.Equal(3, await db.Plans.CountAsync(Ct));
        Assert.Equal(3, await db.Memberships.Select(m => m.PlanId).Distinct().CountAsync(Ct));

        var payments = await db.Payments.ToListAsync(Ct);
        Assert.True(payments.Min(p => p.CreatedAt) <= Today.AddDays(-85), "payments should cover about 90 days");
        Assert.All(payments, p => Assert.True(p.CreatedAt >= Today.AddDays(-90) && p.CreatedAt <= Today));
        Assert.Contains(payments, p => p.FailedAt is not null && p.PaidAt is not null);
        Assert.Contains(payments, p => p.FailedAt is not null && p.Status == PaymentStatuses.Open);
        Assert.Contains(payments, p => p.BillingReason == "subscription_cycle" && p.FailedAt is null);

        var leads = await db.Leads.ToListAsync(Ct);
        Assert.Contains(leads, l => l.Status == LeadStatus.Converted && l.ConvertedAt is not null);
        Assert.Contains(leads, l => l.Status == LeadStatus.Nurturing);

        var playbooks = await db.Playbooks.Include(p => p.Steps).OrderBy(p => p.Name).ToListAsync(Ct);
        Assert.Equal(["First purchase", "Payment failed recovery", "Upgrade to Pro"], playbooks.Select(p => p.Name));
        Assert.Equal([3, 2, 2], playbooks.Select(p => p.Steps.Count));

        var sends = await db.Sends.ToListAsync(Ct);
        Assert.Contains(sends, s => s.Status == SendStatus.Sent && s.ClickedAt is not null);
        Assert.Contains(sends, s => s.Status == SendStatus.Canceled);
        Assert.Contains(sends, s => s.Status == SendStatus.Scheduled && s.ScheduledFor > Today);

        var conversions = await db.Conversions.ToListAsync(Ct);
        Assert.Equal(Enum.GetValues<ConversionType>().Except([ConversionType.Save, ConversionType.WinBack]).Order(),
            conversions.Select(c => c.Type).Distinct().Order());
        Assert.Contains(conversions, c => c.AttributedSendId is not null);
        var paymentIds = payments.Select(p => p.Id).ToHashSet();
        Assert.All(conversions, c => Assert.Contains(c.WhopPaymentId, paymentIds));
    }

    [Fact]
    public async Task AttributedSendsWereDeliveredBeforeTheirConversion()
    {
        await using var host = await StartDemoAsync();
        await using var db = host.CreateDbContext();

        var attributed = await db.Conversions
            .Join(db.Sends, c => c.AttributedSendId, s => s.Id, (c, s) => new { c.CreatedAt, s.SentAt, s.Status })
            .ToListAsync(Ct);

        Assert.NotEmpty(attributed);
        Assert.All(attributed, a =>
        {
            Assert.Equal(SendStatus.Sent, a.Status);
            Assert.InRange(a.SentAt!.Value, a.CreatedAt.AddDays(-7), a.CreatedAt);
        });
    }

    private static async Task<string> SnapshotAsync(CoreHost host)
    {
        await using RevenueAngelDbContext db = host.CreateDbContext();
        var payments = await db.Payments.OrderBy(p => p.Id)
            .Select(p => p.Id + p.Status + p.TotalCents + p.PaidAt + p.FailedAt).ToListAsync(Ct);
        var members = await db.Members.OrderBy(m => m.WhopUserId).Select(m => m.WhopUserId + m.Email + m.CreatedAt).ToListAsync(Ct);
        var sends = await db.Sends.OrderBy(s => s.ExternalId).ThenBy(s => s.ScheduledFor)
            .Select(s => s.ExternalId + s.ScheduledFor + s.ClickedAt).ToListAsync(Ct);
        var counts = new[]
        {
            await db.Memberships.CountAsync(Ct), await db.Leads.CountAsync(Ct), await db.Enrollments.CountAsync(Ct),
            await db.Conversions.CountAsync(Ct), await db.MessageTemplates.CountAsync(Ct),
        };
        return string.Join('|', [.. payments, .. members, .. sends, .. counts.Select(c => c.ToString())]);
    }
}
