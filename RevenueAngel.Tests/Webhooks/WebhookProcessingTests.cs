using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Dispatch;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Webhooks;

public sealed class WebhookProcessingTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Setup(DispatchScenario Scenario, string BasicPlan, string ProPlan)
    {
        public string CompanyId => Scenario.CompanyId;
        public string User(int i) => Scenario.Members[i].WhopUserId;
        public string Membership(int i) => $"mem_{Scenario.CompanyId}_{i}";
    }

    /// A company with Basic ($19/30 d) and Pro ($49/30 d) plans, three members without memberships yet, and the
    /// recovery playbook switched on (two push steps, a day apart, no holdout).
    private async Task<Setup> SetUpAsync()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 3);
        var pro = $"pro_{scenario.CompanyId}";
        await using var db = app.App.CreateDbContext();
        db.Plans.Add(new Core.Billing.Plan { Id = pro, CompanyId = scenario.CompanyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
        await db.Memberships.Where(m => m.CompanyId == scenario.CompanyId).ExecuteDeleteAsync(Ct);
        await db.SaveChangesAsync(Ct);
        var recovery = await scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 100, title: "Card declined, {{ first_name }}",
            body: "Your {{ amount_due }} payment failed (card {{ card_last4 }}).", steps: [(0, MessageChannel.Push), (1440, MessageChannel.Push)]);
        await db.Playbooks.Where(p => p.Id == recovery.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Trigger, PlaybookTrigger.PaymentFailed), Ct);
        return new Setup(scenario, scenario.Plan.Id, pro);
    }

    private async Task DeliverAsync(Setup s, string type, object data, DateTimeOffset? at = null, string? id = null)
    {
        var response = await app.DeliverAsync(WhopEvents.Envelope(type, s.CompanyId, at ?? app.Time.GetUtcNow(), data), id);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<Conversion>> ConversionsAsync(Setup s)
    {
        await using var db = app.App.CreateDbContext();
        return await db.Conversions.Where(c => c.CompanyId == s.CompanyId).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task AFirstPaymentCountsOnceAsAFirstPurchaseHoweverOftenItIsDelivered()
    {
        var s = await SetUpAsync();
        var now = app.Time.GetUtcNow();
        var paid = WhopEvents.Payment("pay_first_" + s.CompanyId, s.CompanyId, s.User(0), s.Membership(0), s.BasicPlan, 19m, "paid", now);

        await DeliverAsync(s, "membership.activated", WhopEvents.Membership(s.Membership(0), s.CompanyId, s.User(0), s.BasicPlan, "active", now));
        await DeliverAsync(s, "payment.succeeded", paid);
        await DeliverAsync(s, "payment.succeeded", paid);
        await app.ProcessAsync();
        await DeliverAsync(s, "payment.succeeded", paid);
        await app.ProcessAsync();

        var conversion = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionType.FirstPurchase, 1900L, "usd"), (conversion.Type, conversion.RevenueCents, conversion.Currency));
        await using var db = app.App.CreateDbContext();
        Assert.Equal("paid", db.Payments.Single(p => p.Id == "pay_first_" + s.CompanyId).Status);
        Assert.All(db.WebhookEvents.Where(e => e.CompanyId == s.CompanyId).ToList(), e => Assert.Equal(WebhookEventStatus.Processed, e.Status));
    }

    [Fact]
    public async Task AFailedPaymentMarksPastDueEnrolsChurnSaveOnceAndTheFirstMessageGoesOutThenSuccessRecordsAnAttributedRecoveryAndStopsTheRest()
    {
        var s = await SetUpAsync();
        var t0 = app.Time.GetUtcNow();
        await DeliverAsync(s, "membership.activated", WhopEvents.Membership(s.Membership(1), s.CompanyId, s.User(1), s.BasicPlan, "active", t0.AddDays(-40)), t0.AddDays(-40));
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_a_{s.CompanyId}", s.CompanyId, s.User(1), s.Membership(1), s.BasicPlan, 19m, "paid", t0.AddDays(-40)), t0.AddDays(-40));
        var failed = WhopEvents.Payment($"pay_b_{s.CompanyId}", s.CompanyId, s.User(1), s.Membership(1), s.BasicPlan, 19m, "open", t0,
            billingReason: "subscription_cycle", paymentsFailed: 1, failure: "Your card has insufficient funds.");

        await DeliverAsync(s, "payment.failed", failed);
        await DeliverAsync(s, "payment.failed", failed);
        await app.ProcessAsync();
        await app.Get<Dispatcher>().RunAsync(Ct);

        await using (var db = app.App.CreateDbContext())
        {
            Assert.Equal(MembershipStatuses.PastDue, db.Memberships.Single(m => m.Id == s.Membership(1)).Status);
            var payment = db.Payments.Single(p => p.Id == $"pay_b_{s.CompanyId}");
            Assert.Equal(("Your card has insufficient funds.", "4242"), (payment.FailureMessage, payment.CardLast4));
            Assert.Equal((DeclineReason.InsufficientFunds, true, 1), (payment.DeclineReason, payment.Retryable, payment.PaymentsFailed));
            Assert.Single(db.Enrollments.Where(e => e.CompanyId == s.CompanyId && e.TriggerKey == $"pay_b_{s.CompanyId}"));
        }
        var push = DispatchScenario.Json(Assert.Single(s.Scenario.Deliveries("notification")));
        Assert.Equal("Your $19.00 payment failed (card 4242).", push.GetProperty("content").GetString());

        app.Time.Advance(TimeSpan.FromHours(2));
        var recovered = WhopEvents.Payment($"pay_b_{s.CompanyId}", s.CompanyId, s.User(1), s.Membership(1), s.BasicPlan, 19m, "paid",
            app.Time.GetUtcNow(), billingReason: "subscription_cycle", paymentsFailed: 1);
        await DeliverAsync(s, "payment.succeeded", recovered);
        await app.ProcessAsync();
        app.Time.Advance(TimeSpan.FromDays(2));
        await app.Get<Dispatcher>().RunAsync(Ct);

        var conversions = await ConversionsAsync(s);
        Assert.Equal([ConversionType.FirstPurchase, ConversionType.Recovery], conversions.Select(c => c.Type));
        await using var check = app.App.CreateDbContext();
        var firstSend = check.Sends.Single(x => x.CompanyId == s.CompanyId && x.Status == SendStatus.Sent);
        Assert.Equal(firstSend.Id, conversions[1].AttributedSendId);
        Assert.Equal(SendStatus.Canceled, check.Sends.Single(x => x.CompanyId == s.CompanyId && x.Id != firstSend.Id).Status);
        Assert.Equal(EnrollmentStatus.Converted, check.Enrollments.Single(e => e.TriggerKey == $"pay_b_{s.CompanyId}").Status);
        Assert.Equal(MembershipStatuses.Active, check.Memberships.Single(m => m.Id == s.Membership(1)).Status);
        Assert.Single(s.Scenario.Deliveries("notification"));
    }

    [Fact]
    public async Task APaymentOnAHigherPricedPlanIsAnUpgradeAndARenewalIsNoConversion()
    {
        var s = await SetUpAsync();
        var t0 = app.Time.GetUtcNow().AddDays(-60);
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_1_{s.CompanyId}", s.CompanyId, s.User(2), s.Membership(2), s.BasicPlan, 19m, "paid", t0), t0);
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_2_{s.CompanyId}", s.CompanyId, s.User(2), s.Membership(2), s.BasicPlan, 19m, "paid", t0.AddDays(30), "subscription_cycle"), t0.AddDays(30));
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_3_{s.CompanyId}", s.CompanyId, s.User(2), s.Membership(2), s.ProPlan, 49m, "paid", t0.AddDays(45), "subscription_update"), t0.AddDays(45));
        await app.ProcessAsync();

        await using (var db = app.App.CreateDbContext())
            Assert.All(db.WebhookEvents.Where(e => e.CompanyId == s.CompanyId).ToList(), e => Assert.True(e.Status == WebhookEventStatus.Processed, e.Error));
        Assert.Equal([(ConversionType.FirstPurchase, 1900L), (ConversionType.Upgrade, 4900L)], (await ConversionsAsync(s)).Select(c => (c.Type, c.RevenueCents)));
    }

    [Fact]
    public async Task ARefundSubtractsFromItsConversionAndALostDisputeToo()
    {
        var s = await SetUpAsync();
        var now = app.Time.GetUtcNow();
        var paymentId = $"pay_r_{s.CompanyId}";
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment(paymentId, s.CompanyId, s.User(0), s.Membership(0), s.ProPlan, 49m, "paid", now));
        await DeliverAsync(s, "refund.created", WhopEvents.Refund($"rfnd_{s.CompanyId}", paymentId, 20m, "pending", now.AddMinutes(1)));
        await DeliverAsync(s, "refund.updated", WhopEvents.Refund($"rfnd_{s.CompanyId}", paymentId, 20m, "succeeded", now.AddMinutes(2)));
        await DeliverAsync(s, "dispute.updated", WhopEvents.Refund($"dspt_{s.CompanyId}", paymentId, 29m, "lost", now.AddMinutes(3)));
        await DeliverAsync(s, "refund.updated", WhopEvents.Refund($"rfnd_{s.CompanyId}", paymentId, 20m, "pending", now.AddMinutes(-5)));
        await app.ProcessAsync();

        await using var db = app.App.CreateDbContext();
        var conversion = db.Conversions.Single(c => c.WhopPaymentId == paymentId);
        var adjustments = db.RevenueAdjustments.Where(a => a.WhopPaymentId == paymentId).AsEnumerable().OrderBy(a => a.Kind).ToList();
        Assert.Equal([(AdjustmentKind.Refund, -2000L), (AdjustmentKind.Dispute, -2900L)], adjustments.Select(a => (a.Kind, a.AmountCents)));
        Assert.All(adjustments, a => Assert.Equal(conversion.Id, a.ConversionId));
        Assert.Equal(0, conversion.RevenueCents + adjustments.Sum(a => a.AmountCents));
    }

    [Fact]
    public async Task CancelRequestsStartCancelSavePlaybooksAWithdrawalIsASaveAndADeactivationEndsChurnSaveAsLost()
    {
        var s = await SetUpAsync();
        var save = await s.Scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 90, title: "Before you go", steps: [(0, MessageChannel.Push), (600, MessageChannel.Push)]);
        await using (var db = app.App.CreateDbContext())
        {
            await db.Playbooks.Where(p => p.Id == save.Id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Trigger, PlaybookTrigger.CancelRequested).SetProperty(p => p.Goal, PlaybookGoal.CancelWithdrawn), Ct);
        }
        var t = app.Time.GetUtcNow();
        await DeliverAsync(s, "membership.activated", WhopEvents.Membership(s.Membership(0), s.CompanyId, s.User(0), s.ProPlan, "active", t), t);
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", WhopEvents.Membership(s.Membership(0), s.CompanyId, s.User(0), s.ProPlan, "canceling", t.AddMinutes(1), cancelAtPeriodEnd: true), t.AddMinutes(1));
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", WhopEvents.Membership(s.Membership(0), s.CompanyId, s.User(0), s.ProPlan, "active", t.AddMinutes(2)), t.AddMinutes(2));
        await DeliverAsync(s, "membership.activated", WhopEvents.Membership(s.Membership(1), s.CompanyId, s.User(1), s.BasicPlan, "active", t), t);
        await DeliverAsync(s, "payment.failed", WhopEvents.Payment($"pay_f_{s.CompanyId}", s.CompanyId, s.User(1), s.Membership(1), s.BasicPlan, 19m, "open", t.AddMinutes(1), "subscription_cycle", 1), t.AddMinutes(1));
        await DeliverAsync(s, "membership.deactivated", WhopEvents.Membership(s.Membership(1), s.CompanyId, s.User(1), s.BasicPlan, "expired", t.AddMinutes(3)), t.AddMinutes(3));
        await app.ProcessAsync();

        await using var check = app.App.CreateDbContext();
        var saved = check.Enrollments.Single(e => e.PlaybookId == save.Id);
        Assert.Equal((EnrollmentStatus.Converted, s.Scenario.Members[0].Id), (saved.Status, saved.SubjectId));
        var conversion = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionType.Save, 4900L), (conversion.Type, conversion.RevenueCents));
        var lost = check.Enrollments.Single(e => e.TriggerKey == $"pay_f_{s.CompanyId}");
        Assert.Equal((EnrollmentStatus.Exited, "lost: membership ended"), (lost.Status, lost.EndReason));
        Assert.All(check.Sends.Where(x => x.EnrollmentId == lost.Id).ToList(), x => Assert.Equal(SendStatus.Canceled, x.Status));
        Assert.Equal((MembershipStatuses.Expired, MembershipStatuses.Active),
            (check.Memberships.Single(m => m.Id == s.Membership(1)).Status, check.Memberships.Single(m => m.Id == s.Membership(0)).Status));
    }

    [Fact]
    public async Task AnOlderMembershipEventArrivingLateDoesNotOverwriteNewerState()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        await DeliverAsync(s, "membership.deactivated", WhopEvents.Membership(s.Membership(2), s.CompanyId, s.User(2), s.BasicPlan, "canceled", t), t);
        await app.ProcessAsync();
        await DeliverAsync(s, "membership.activated", WhopEvents.Membership(s.Membership(2), s.CompanyId, s.User(2), s.BasicPlan, "active", t.AddDays(-3)), t.AddDays(-3));
        await app.ProcessAsync();

        await using var db = app.App.CreateDbContext();
        Assert.Equal(MembershipStatuses.Canceled, db.Memberships.Single(m => m.Id == s.Membership(2)).Status);
    }

    [Fact]
    public async Task APoisonEventInABatchLosesOnlyItsOwnChangesAndTheEventsAroundItAreApplied()
    {
        var s = await SetUpAsync();
        var at = app.Time.GetUtcNow();
        var poison = $"msg_{Guid.NewGuid():N}";
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_a_{s.CompanyId}", s.CompanyId, s.User(0), s.Membership(0), s.BasicPlan, 19m, "paid", at), at);
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_b_{s.CompanyId}", s.CompanyId, s.User(1), s.Membership(1), $"plan_unknown_{s.CompanyId}", 99m, "paid", at.AddSeconds(1)),
            at.AddSeconds(1), id: poison);
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_c_{s.CompanyId}", s.CompanyId, s.User(2), s.Membership(2), s.BasicPlan, 19m, "paid", at.AddSeconds(2)), at.AddSeconds(2));

        await app.ProcessAsync();

        Assert.Equal([$"pay_a_{s.CompanyId}", $"pay_c_{s.CompanyId}"], (await ConversionsAsync(s)).Select(c => c.WhopPaymentId));
        await using var db = app.App.CreateDbContext();
        Assert.False(db.Payments.Any(p => p.Id == $"pay_b_{s.CompanyId}"));
        Assert.False(db.Memberships.Any(m => m.Id == s.Membership(1)));
        var row = db.WebhookEvents.Single(e => e.WebhookId == poison);
        Assert.Equal((WebhookEventStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Equal(2, db.WebhookEvents.Count(e => e.CompanyId == s.CompanyId && e.Status == WebhookEventStatus.Processed));
    }

    [Fact]
    public async Task APaymentAnotherWriterStoresAfterTheBatchReadAheadFailsTheBatchInsteadOfCountingTwice()
    {
        var s = await SetUpAsync();
        var at = app.Time.GetUtcNow();
        var paymentId = $"pay_race_{s.CompanyId}";
        var id = $"msg_{Guid.NewGuid():N}";
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment(paymentId, s.CompanyId, s.User(0), s.Membership(0), s.BasicPlan, 19m, "paid", at), id: id);

        // The batch reads ahead (the payment is not stored yet); then another writer stores it before the event applies.
        await using (var db = app.App.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var row = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.WebhookId == id, Ct);
            var memory = new WebhookBatchMemory();
            await memory.ReadAheadAsync(db, [EventSubjects.Of(row)], Ct);
            Assert.True(memory.KnowsPaymentIsNew(paymentId));
            await using (var other = app.App.CreateDbContext())
            {
                other.Payments.Add(new Core.Billing.Payment { Id = paymentId, CompanyId = s.CompanyId, Status = "open", CreatedAt = at.AddMinutes(-1), UpdatedAt = at.AddMinutes(-1) });
                await other.SaveChangesAsync(Ct);
            }

            await Assert.ThrowsAsync<DbUpdateException>(() => app.Get<WebhookHandlers>().ApplyAsync(db, row, memory, Ct));
        }

        // The processor's own run of that batch asks the database again and applies the event once.
        await app.ProcessAsync();

        var conversion = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((paymentId, 1900L), (conversion.WhopPaymentId, conversion.RevenueCents));
        await using var check = app.App.CreateDbContext();
        Assert.Equal("paid", check.Payments.Single(p => p.Id == paymentId).Status);
        Assert.Equal(WebhookEventStatus.Processed, check.WebhookEvents.Single(e => e.WebhookId == id).Status);
    }

    [Fact]
    public async Task APoisonEventIsRetriedWithBackoffThenDeadAndAReplayAfterTheFixAppliesIt()
    {
        var s = await SetUpAsync();
        var planId = $"plan_unknown_{s.CompanyId}";
        var id = $"msg_{Guid.NewGuid():N}";
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_p_{s.CompanyId}", s.CompanyId, s.User(0), s.Membership(0), planId, 99m, "paid", app.Time.GetUtcNow()), id: id);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await app.ProcessAsync();
            await using var db = app.App.CreateDbContext();
            var row = db.WebhookEvents.Single(e => e.WebhookId == id);
            Assert.Equal(attempt, row.Attempts);
            Assert.Contains("404", row.Error);
            Assert.Equal(attempt < 3 ? WebhookEventStatus.Failed : WebhookEventStatus.Dead, row.Status);
            if (row.NextAttemptAt is { } next) app.Time.Advance(next - app.Time.GetUtcNow());
        }
        Assert.Empty(await ConversionsAsync(s));
        await using (var db = app.App.CreateDbContext()) Assert.False(db.Payments.Any(p => p.Id == $"pay_p_{s.CompanyId}"));

        app.Whop.Store.Plans[planId] = new FakePlan(planId, s.CompanyId, "prod_x", "Elite", 99m, 30);
        long eventId;
        await using (var db = app.App.CreateDbContext()) eventId = db.WebhookEvents.Single(e => e.WebhookId == id).Id;
        Assert.True(await app.Get<WebhookActivity>().ReplayAsync(new CompanyScope(s.CompanyId), eventId, Ct));
        Assert.False(await app.Get<WebhookActivity>().ReplayAsync(new CompanyScope("biz_someone_else"), eventId, Ct));
        await app.ProcessAsync();

        Assert.Equal(9900, Assert.Single(await ConversionsAsync(s)).RevenueCents);
        Assert.True(await app.Get<WebhookActivity>().ReplayAsync(new CompanyScope(s.CompanyId), eventId, Ct));
        await app.ProcessAsync();
        Assert.Single(await ConversionsAsync(s));
    }

    [Fact]
    public async Task AnEventOfAnotherTypeOrForAnUninstalledCompanyIsIgnoredAndKept()
    {
        var s = await SetUpAsync();
        var chat = $"msg_{Guid.NewGuid():N}";
        var stranger = $"msg_{Guid.NewGuid():N}";
        await app.DeliverAsync(WhopEvents.Envelope("chat.message_created", s.CompanyId, app.Time.GetUtcNow(), new { id = "m1" }), chat);
        await app.DeliverAsync(WhopEvents.Envelope("payment.succeeded", "biz_not_installed", app.Time.GetUtcNow(), new { id = "p1" }), stranger);
        await app.ProcessAsync();

        await using var db = app.App.CreateDbContext();
        var ignored = db.WebhookEvents.Where(e => e.WebhookId == chat || e.WebhookId == stranger).OrderBy(e => e.Id).ToList();
        Assert.All(ignored, e => Assert.Equal(WebhookEventStatus.Ignored, e.Status));
        Assert.Contains("does not act on chat.message_created", ignored[0].Error);
        Assert.Contains("has not installed", ignored[1].Error);
    }

    [Fact]
    public async Task RetentionDropsOldPayloadsOfAppliedEventsOnlyAndKeepsTheMoney()
    {
        var s = await SetUpAsync();
        var now = app.Time.GetUtcNow();
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_old_{s.CompanyId}", s.CompanyId, s.User(0), s.Membership(0), s.BasicPlan, 19m, "paid", now));
        var deadId = $"msg_{Guid.NewGuid():N}";
        await app.DeliverAsync("{broken", deadId);
        await app.ProcessAsync();

        app.Time.Advance(TimeSpan.FromDays(31));
        Assert.True(await app.Get<WebhookRetention>().PruneAsync(Ct) >= 1);

        await using var db = app.App.CreateDbContext();
        var applied = db.WebhookEvents.Single(e => e.CompanyId == s.CompanyId && e.EventType == "payment.succeeded");
        Assert.Equal("", applied.Payload);
        Assert.NotNull(applied.PayloadPrunedAt);
        Assert.Equal("{broken", db.WebhookEvents.Single(e => e.WebhookId == deadId).Payload);
        Assert.Single(await ConversionsAsync(s));
        Assert.True(db.Payments.Any(p => p.Id == $"pay_old_{s.CompanyId}"));
    }
}
