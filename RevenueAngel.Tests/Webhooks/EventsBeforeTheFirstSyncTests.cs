using System.Net;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Webhooks;

/// A fresh install (or a membership created between syncs): Whop's events arrive before the sync has copied the
/// members, memberships and plans they name. Each event creates what its embedded objects describe, and the first
/// sync then agrees with it instead of duplicating or regressing it.
public sealed class EventsBeforeTheFirstSyncTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// Installed by an admin's visit, nothing synced yet (the fixture does not wake the sync on install).
    private async Task<FakeWhopBuilder> InstalledUnsyncedCompanyAsync(int members)
    {
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();
        for (var i = 1; i <= members; i++) company.AddMember(i);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/dashboard/{company.CompanyId}", app.AdminTokenFor(company.CompanyId))).StatusCode);
        await using var db = app.App.CreateDbContext();
        Assert.False(await db.Memberships.AnyAsync(m => m.CompanyId == company.CompanyId, Ct));
        Assert.False(await db.Plans.AnyAsync(p => p.CompanyId == company.CompanyId, Ct));
        return company;
    }

    private async Task DeliverAsync(FakeWhopBuilder company, string type, object data, DateTimeOffset at)
    {
        var response = await app.DeliverAsync(WhopEvents.Envelope(type, company.CompanyId, at, data));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string User(FakeWhopBuilder c, int i) => $"user_{c.CompanyId}_{i:D4}";

    private static string Membership(FakeWhopBuilder c, int i) => $"mem_{c.CompanyId}_{i:D4}";

    [Fact]
    public async Task APaymentFailedBeforeTheFirstSyncCreatesThePastDueMembershipAndTheSyncAgrees()
    {
        var company = await InstalledUnsyncedCompanyAsync(members: 2);
        var at = app.Time.GetUtcNow();
        await DeliverAsync(company, "payment.failed", WhopEvents.Payment($"pay_f_{company.CompanyId}", company.CompanyId, User(company, 1),
            Membership(company, 1), company.BasicPlanId, 19.99m, "open", at, "subscription_cycle", 1, failure: "Card declined"), at);

        await app.ProcessAsync();

        await using (var db = app.App.CreateDbContext())
        {
            var row = await db.WebhookEvents.SingleAsync(e => e.CompanyId == company.CompanyId, Ct);
            Assert.True(row.Status == WebhookEventStatus.Processed, row.Error);
            var member = await db.Members.SingleAsync(m => m.CompanyId == company.CompanyId, Ct);
            Assert.Equal(User(company, 1), member.WhopUserId);
            var membership = await db.Memberships.SingleAsync(m => m.Id == Membership(company, 1), Ct);
            Assert.Equal((MembershipStatuses.PastDue, company.BasicPlanId, member.Id, at), (membership.Status, membership.PlanId, membership.MemberId, membership.UpdatedAt));
            // The plan came from Whop before the batch, not as a placeholder.
            Assert.Equal(1999, (await db.Plans.SingleAsync(p => p.Id == company.BasicPlanId, Ct)).RenewalPriceCents);
            Assert.NotNull((await db.Payments.SingleAsync(p => p.Id == $"pay_f_{company.CompanyId}", Ct)).FailedAt);
        }

        // Whop's own copy says the same, as of the same moment.
        var whopCopy = app.Whop.Store.Memberships[Membership(company, 1)];
        (whopCopy.Status, whopCopy.UpdatedAt) = ("past_due", at);
        await app.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);

        await using var check = app.App.CreateDbContext();
        var members = await check.Members.Where(m => m.CompanyId == company.CompanyId).OrderBy(m => m.WhopUserId).ToListAsync(Ct);
        Assert.Equal([User(company, 1), User(company, 2)], members.Select(m => m.WhopUserId));
        Assert.Equal("member1@example.com", members[0].Email);
        var synced = await check.Memberships.Where(m => m.CompanyId == company.CompanyId).OrderBy(m => m.Id).ToListAsync(Ct);
        Assert.Equal([(MembershipStatuses.PastDue, members[0].Id), (MembershipStatuses.Active, members[1].Id)], synced.Select(m => (m.Status, m.MemberId)));
        Assert.Equal(SyncStatus.Idle, (await check.Companies.SingleAsync(c => c.Id == company.CompanyId, Ct)).Sync.Status);
    }

    [Fact]
    public async Task ASyncWithAnOlderWhopCopyDoesNotUndoThePastDueAnEventRecorded()
    {
        var company = await InstalledUnsyncedCompanyAsync(members: 1);
        var at = app.Time.GetUtcNow();
        await DeliverAsync(company, "payment.failed", WhopEvents.Payment($"pay_o_{company.CompanyId}", company.CompanyId, User(company, 1),
            Membership(company, 1), company.BasicPlanId, 19.99m, "open", at, "subscription_cycle", 1), at);
        await app.ProcessAsync();

        // Whop's list still shows the copy from before the failure (updated 2026-09-01).
        await app.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);

        await using var db = app.App.CreateDbContext();
        Assert.Equal(MembershipStatuses.PastDue, (await db.Memberships.SingleAsync(m => m.Id == Membership(company, 1), Ct)).Status);
        Assert.Equal(1, await db.Members.CountAsync(m => m.CompanyId == company.CompanyId, Ct));
    }

    [Fact]
    public async Task APaymentSucceededAndMembershipEventsBeforeTheFirstSyncCreateTheirRowsAndTheSyncAgrees()
    {
        var company = await InstalledUnsyncedCompanyAsync(members: 3);
        var at = app.Time.GetUtcNow();
        await DeliverAsync(company, "payment.succeeded", WhopEvents.Payment($"pay_s_{company.CompanyId}", company.CompanyId, User(company, 1),
            Membership(company, 1), company.ProPlanId, 49.99m, "paid", at), at);
        await DeliverAsync(company, "membership.cancel_at_period_end_changed", WhopEvents.Membership(Membership(company, 2), company.CompanyId,
            User(company, 2), company.BasicPlanId, "active", at, cancelAtPeriodEnd: true), at);
        await DeliverAsync(company, "membership.deactivated", WhopEvents.Membership(Membership(company, 3), company.CompanyId,
            User(company, 3), company.BasicPlanId, "canceled", at), at);

        await app.ProcessAsync();

        await using (var db = app.App.CreateDbContext())
        {
            Assert.All(await db.WebhookEvents.Where(e => e.CompanyId == company.CompanyId).ToListAsync(Ct),
                e => Assert.True(e.Status == WebhookEventStatus.Processed, e.Error));
            var rows = await db.Memberships.Where(m => m.CompanyId == company.CompanyId).OrderBy(m => m.Id).ToListAsync(Ct);
            Assert.Equal([("active", company.ProPlanId, false), ("active", company.BasicPlanId, true), ("canceled", company.BasicPlanId, false)],
                rows.Select(m => (m.Status, m.PlanId, m.CancelAtPeriodEnd)));
            var conversion = await db.Conversions.SingleAsync(c => c.CompanyId == company.CompanyId, Ct);
            Assert.Equal((ConversionType.FirstPurchase, 4999L), (conversion.Type, conversion.RevenueCents));
        }

        foreach (var (i, status, cancel) in new[] { (1, "active", false), (2, "active", true), (3, "canceled", false) })
        {
            var whopCopy = app.Whop.Store.Memberships[Membership(company, i)];
            (whopCopy.Status, whopCopy.CancelAtPeriodEnd, whopCopy.UpdatedAt) = (status, cancel, at);
        }
        app.Whop.Store.Memberships[Membership(company, 1)].PlanId = company.ProPlanId;
        await app.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);

        await using var check = app.App.CreateDbContext();
        Assert.Equal(3, await check.Members.CountAsync(m => m.CompanyId == company.CompanyId, Ct));
        var synced = await check.Memberships.Where(m => m.CompanyId == company.CompanyId).OrderBy(m => m.Id).ToListAsync(Ct);
        Assert.Equal([("active", company.ProPlanId, false), ("active", company.BasicPlanId, true), ("canceled", company.BasicPlanId, false)],
            synced.Select(m => (m.Status, m.PlanId, m.CancelAtPeriodEnd)));
    }

    [Fact]
    public async Task WhileWhopCannotGiveANewPlanOnlyTheEventNamingItWaitsAndItAppliesOnceWhopAnswers()
    {
        var company = await InstalledUnsyncedCompanyAsync(members: 2);
        var at = app.Time.GetUtcNow();
        await DeliverAsync(company, "membership.activated", WhopEvents.Membership(Membership(company, 1), company.CompanyId, User(company, 1),
            company.BasicPlanId, "active", at), at);
        await DeliverAsync(company, "payment.failed", WhopEvents.Payment($"pay_w_{company.CompanyId}", company.CompanyId, User(company, 2),
            Membership(company, 2), company.ProPlanId, 49.99m, "open", at, "subscription_cycle", 1), at.AddSeconds(1));
        // Plans are fetched in the order the batch names them: Whop is down for Basic, then answers for Pro.
        app.Whop.Store.FailNext(1, 503);

        await app.ProcessAsync();

        await using (var db = app.App.CreateDbContext())
        {
            var rows = await db.WebhookEvents.Where(e => e.CompanyId == company.CompanyId).OrderBy(e => e.OccurredAt).ToListAsync(Ct);
            Assert.Equal(2, rows.Count);
            Assert.Equal(["membership.activated", "payment.failed"], rows.Select(e => e.EventType));
            var failed = rows[0];
            Assert.Equal((WebhookEventStatus.Failed, 1), (failed.Status, failed.Attempts));
            Assert.Contains("503", failed.Error);
            Assert.True(rows[1].Status == WebhookEventStatus.Processed, rows[1].Error);
            Assert.False(await db.Memberships.AnyAsync(m => m.Id == Membership(company, 1), Ct));
            app.Time.Advance(failed.NextAttemptAt!.Value - app.Time.GetUtcNow());
        }

        await app.ProcessAsync();

        await using var check = app.App.CreateDbContext();
        Assert.All(await check.WebhookEvents.Where(e => e.CompanyId == company.CompanyId).ToListAsync(Ct),
            e => Assert.True(e.Status == WebhookEventStatus.Processed, e.Error));
        Assert.Equal(MembershipStatuses.Active, (await check.Memberships.SingleAsync(m => m.Id == Membership(company, 1), Ct)).Status);
        Assert.Equal(1999, (await check.Plans.SingleAsync(p => p.Id == company.BasicPlanId, Ct)).RenewalPriceCents);
    }
}
