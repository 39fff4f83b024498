using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Webhooks;

/// Saves that count when the money arrives, the recovery split and win-backs, through signed webhooks as Whop sends them.
public sealed class ChurnSaveOutcomeTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Setup(DispatchScenario Scenario, string BasicPlan, string ProPlan, Playbook Recovery, Playbook Save)
    {
        public string CompanyId => Scenario.CompanyId;
        public string User(int i) => Scenario.Members[i].WhopUserId;
        public string Membership(int i) => $"mem_{Scenario.CompanyId}_{i}";
    }

    /// Basic ($19) and Pro ($49) plans, members without memberships, a failed-payment playbook and a cancel-save
    /// playbook (push steps, no holdout).
    private async Task<Setup> SetUpAsync(int members = 3)
    {
        var scenario = await DispatchScenario.CreateAsync(app, members);
        var pro = $"pro_{scenario.CompanyId}";
        await using var db = app.App.CreateDbContext();
        db.Plans.Add(new Core.Billing.Plan { Id = pro, CompanyId = scenario.CompanyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
        await db.Memberships.Where(m => m.CompanyId == scenario.CompanyId).ExecuteDeleteAsync(Ct);
        await db.SaveChangesAsync(Ct);
        var recovery = await scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 100, title: "Card declined", steps: [(0, MessageChannel.Push), (1440, MessageChannel.Push)]);
        var save = await scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 90, title: "Before you go", steps: [(0, MessageChannel.Push), (600, MessageChannel.Push)]);
        await db.Playbooks.Where(p => p.Id == recovery.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Trigger, PlaybookTrigger.PaymentFailed), Ct);
        await db.Playbooks.Where(p => p.Id == save.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.Trigger, PlaybookTrigger.CancelRequested).SetProperty(p => p.Goal, PlaybookGoal.CancelWithdrawn), Ct);
        return new Setup(scenario, scenario.Plan.Id, pro, recovery, save);
    }

    private async Task DeliverAsync(Setup s, string type, object data, DateTimeOffset at)
    {
        var response = await app.DeliverAsync(WhopEvents.Envelope(type, s.CompanyId, at, data));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private object Membership(Setup s, int i, string plan, string status, DateTimeOffset at, bool cancel = false, string? id = null) =>
        WhopEvents.Membership(id ?? s.Membership(i), s.CompanyId, s.User(i), plan, status, at, cancelAtPeriodEnd: cancel);

    /// Member i on the plan asks to cancel, gets the save message and withdraws the cancellation at <paramref name="t"/> + 2 min: a save.
    private async Task SaveAsync(Setup s, int i, string plan, DateTimeOffset t)
    {
        await DeliverAsync(s, "membership.activated", Membership(s, i, plan, "active", t), t);
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, i, plan, "canceling", t.AddMinutes(1), cancel: true), t.AddMinutes(1));
        await app.ProcessAsync();
        await app.Get<Dispatcher>().RunAsync(Ct);
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, i, plan, "active", t.AddMinutes(2)), t.AddMinutes(2));
        await app.ProcessAsync();
    }

    private object Renewal(Setup s, int i, string plan, decimal total, DateTimeOffset at, string? id = null) =>
        WhopEvents.Payment(id ?? $"pay_renew_{i}_{s.CompanyId}", s.CompanyId, s.User(i), s.Membership(i), plan, total, "paid", at, billingReason: "subscription_cycle");

    private async Task<List<Conversion>> ConversionsAsync(Setup s)
    {
        await using var db = app.App.CreateDbContext();
        return await db.Conversions.Where(c => c.CompanyId == s.CompanyId).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task AWithdrawnCancelIsAPendingSaveUntilTheNextPaidPaymentConfirmsItAndReplaysChangeNothing()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        await SaveAsync(s, 0, s.ProPlan, t);

        var pending = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionType.Save, ConversionState.Pending, s.Membership(0), 4900L), (pending.Type, pending.State, pending.WhopMembershipId, pending.RevenueCents));
        var before = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddDays(-1), t.AddDays(1)), Ct))!;
        Assert.Equal((1, 0, 0L), (before.ChurnSave!.SavesPending, before.ChurnSave.SavesConfirmed, before.Current.RecoveredRevenueCents));

        var renewal = Renewal(s, 0, s.ProPlan, 49m, t.AddDays(10));
        await DeliverAsync(s, "payment.succeeded", renewal, t.AddDays(10));
        await app.ProcessAsync();
        var confirmed = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionState.Confirmed, $"pay_renew_0_{s.CompanyId}", t.AddDays(10)), (confirmed.State, confirmed.ConfirmedByPaymentId, confirmed.SettledAt));

        // Replays: the renewal again, the withdrawal again, and a later cancel (a confirmed save stays confirmed).
        await DeliverAsync(s, "payment.succeeded", renewal, t.AddDays(10));
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, 0, s.ProPlan, "active", t.AddMinutes(2)), t.AddMinutes(2));
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, 0, s.ProPlan, "canceling", t.AddDays(11), cancel: true), t.AddDays(11));
        await app.ProcessAsync();
        var after = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionState.Confirmed, t.AddDays(10)), (after.State, after.SettledAt));
        var overview = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddDays(-1), t.AddDays(1)), Ct))!;
        Assert.Equal((0, 1, 4900L, 4900L), (overview.ChurnSave!.SavesPending, overview.ChurnSave.SavesConfirmed, overview.ChurnSave.SavesConfirmedCents,
            overview.Current.RecoveredRevenueCents));
    }

    [Fact]
    public async Task ASaveConfirmedByARecoveredPaymentCountsThatMoneyOnce()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        await SaveAsync(s, 0, s.ProPlan, t);
        object Renewal(string status, DateTimeOffset at) => WhopEvents.Payment($"pay_renew_{s.CompanyId}", s.CompanyId, s.User(0), s.Membership(0), s.ProPlan, 49m,
            status, at, billingReason: "subscription_cycle", paymentsFailed: 1);

        await DeliverAsync(s, "payment.failed", Renewal("open", t.AddHours(1)), t.AddHours(1));
        await app.ProcessAsync();
        await DeliverAsync(s, "payment.succeeded", Renewal("paid", t.AddHours(2)), t.AddHours(2));
        await app.ProcessAsync();

        var conversions = await ConversionsAsync(s);
        Assert.Equal([(ConversionType.Save, ConversionState.Confirmed, (string?)$"pay_renew_{s.CompanyId}"), (ConversionType.Recovery, ConversionState.Confirmed, null)],
            conversions.Select(c => (c.Type, c.State, c.ConfirmedByPaymentId)));
        var report = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddDays(-1), t.AddDays(1)), Ct))!.ChurnSave!;
        Assert.Equal((1, 0L, 4900L, 4900L), (report.SavesConfirmed, report.SavesConfirmedCents, report.RecoveredCents, report.RevenueKeptCents));
    }

    [Fact]
    public async Task ACancelWithinTheWindowLosesAPendingSaveAndALaterPaymentDoesNotRevive()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        await SaveAsync(s, 0, s.ProPlan, t);
        await SaveAsync(s, 1, s.BasicPlan, t);

        var again = Membership(s, 0, s.ProPlan, "canceling", t.AddDays(5), cancel: true);
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", again, t.AddDays(5));
        await DeliverAsync(s, "membership.deactivated", Membership(s, 1, s.BasicPlan, "expired", t.AddDays(6)), t.AddDays(6));
        await app.ProcessAsync();
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", again, t.AddDays(5));
        await DeliverAsync(s, "payment.succeeded", Renewal(s, 0, s.ProPlan, 49m, t.AddDays(7)), t.AddDays(7));
        await app.ProcessAsync();

        var saves = await ConversionsAsync(s);
        Assert.Equal([(s.Membership(0), ConversionState.Lost, t.AddDays(5)), (s.Membership(1), ConversionState.Lost, t.AddDays(6))],
            saves.Select(c => (c.WhopMembershipId, c.State, c.SettledAt)));
        var report = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddDays(-1), t.AddDays(1)), Ct))!.ChurnSave!;
        Assert.Equal((2, 0L), (report.SavesLost, report.RevenueKeptCents));
    }

    [Fact]
    public async Task ACancelAfterTheConfirmationWindowDoesNotLoseThePendingSave()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        await SaveAsync(s, 0, s.ProPlan, t);

        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, 0, s.ProPlan, "canceling", t.AddDays(31), cancel: true), t.AddDays(31));
        await app.ProcessAsync();

        var save = Assert.Single(await ConversionsAsync(s));
        Assert.Equal((ConversionState.Pending, (DateTimeOffset?)null), (save.State, save.SettledAt));
    }

    [Fact]
    public async Task ARecoveryAfterOurFirstMessageIsOursAndOneWhopsRetryPaidBeforeAnyMessageIsWhops()
    {
        var s = await SetUpAsync();
        var t = app.Time.GetUtcNow();
        foreach (var i in new[] { 0, 1 })
        {
            await DeliverAsync(s, "membership.activated", Membership(s, i, s.BasicPlan, "active", t.AddDays(-40)), t.AddDays(-40));
            await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_first_{i}_{s.CompanyId}", s.CompanyId, s.User(i), s.Membership(i), s.BasicPlan, 19m,
                "paid", t.AddDays(-40)), t.AddDays(-40));
        }
        object Failed(int i, string status, DateTimeOffset at) => WhopEvents.Payment($"pay_fail_{i}_{s.CompanyId}", s.CompanyId, s.User(i), s.Membership(i),
            s.BasicPlan, 19m, status, at, billingReason: "subscription_cycle", paymentsFailed: 1);

        // Member 1: Whop's retry pays an hour later, before the dispatcher sent anything.
        await DeliverAsync(s, "payment.failed", Failed(1, "open", t), t);
        await app.ProcessAsync();
        await DeliverAsync(s, "payment.succeeded", Failed(1, "paid", t.AddHours(1)), t.AddHours(1));
        await app.ProcessAsync();
        // Member 0: our first message goes out, then the payment.
        await DeliverAsync(s, "payment.failed", Failed(0, "open", t), t);
        await app.ProcessAsync();
        await app.Get<Dispatcher>().RunAsync(Ct);
        app.Time.Advance(TimeSpan.FromHours(2));
        var paid = Failed(0, "paid", app.Time.GetUtcNow());
        await DeliverAsync(s, "payment.succeeded", paid, app.Time.GetUtcNow());
        await DeliverAsync(s, "payment.succeeded", paid, app.Time.GetUtcNow());
        await app.ProcessAsync();

        var recoveries = (await ConversionsAsync(s)).Where(c => c.Type == ConversionType.Recovery).OrderBy(c => c.MemberId).ToList();
        Assert.Equal([(s.Scenario.Members[0].Id, RecoverySource.Ours, ConversionState.Confirmed), (s.Scenario.Members[1].Id, RecoverySource.Whop, ConversionState.Confirmed)],
            recoveries.Select(c => (c.MemberId!.Value, c.RecoveredBy!.Value, c.State)));
        var report = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddHours(-1), t.AddDays(1)), Ct))!.ChurnSave!;
        Assert.Equal((1, 1900L, 1, 1900L), (report.RecoveredByUs, report.RecoveredByUsCents, report.RecoveredByWhop, report.RecoveredByWhopCents));
    }

    [Fact]
    public async Task ANewPaidMembershipAfterAMembershipDeactivatedEnrolmentIsAWinBackAndEndsTheSequence()
    {
        var s = await SetUpAsync();
        var winBack = await s.Scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 80, title: "Come back", steps: [(0, MessageChannel.Push), (4320, MessageChannel.Push)]);
        await using (var db = app.App.CreateDbContext())
            await db.Playbooks.Where(p => p.Id == winBack.Id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Trigger, PlaybookTrigger.MembershipDeactivated).SetProperty(p => p.Goal, PlaybookGoal.WinBack), Ct);
        var t = app.Time.GetUtcNow();
        await DeliverAsync(s, "membership.activated", Membership(s, 0, s.BasicPlan, "active", t.AddDays(-40)), t.AddDays(-40));
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_first_{s.CompanyId}", s.CompanyId, s.User(0), s.Membership(0), s.BasicPlan, 19m,
            "paid", t.AddDays(-40)), t.AddDays(-40));
        await DeliverAsync(s, "membership.deactivated", Membership(s, 0, s.BasicPlan, "expired", t), t);
        await app.ProcessAsync();
        await app.Get<Dispatcher>().RunAsync(Ct);

        app.Time.Advance(TimeSpan.FromDays(1));
        var rejoin = $"mem_{s.CompanyId}_0_again";
        var at = app.Time.GetUtcNow();
        var paid = WhopEvents.Payment($"pay_back_{s.CompanyId}", s.CompanyId, s.User(0), rejoin, s.ProPlan, 49m, "paid", at);
        await DeliverAsync(s, "membership.activated", Membership(s, 0, s.ProPlan, "active", at, id: rejoin), at);
        await DeliverAsync(s, "payment.succeeded", paid, at);
        await DeliverAsync(s, "payment.succeeded", paid, at);
        await app.ProcessAsync();

        var conversion = Assert.Single(await ConversionsAsync(s), c => c.WhopPaymentId == $"pay_back_{s.CompanyId}");
        await using var check = app.App.CreateDbContext();
        var enrollment = check.Enrollments.Single(e => e.PlaybookId == winBack.Id);
        var firstSend = check.Sends.Single(x => x.EnrollmentId == enrollment.Id && x.Status == SendStatus.Sent);
        Assert.Equal((ConversionType.WinBack, 4900L, winBack.Id, firstSend.Id, rejoin),
            (conversion.Type, conversion.RevenueCents, conversion.AttributedPlaybookId, conversion.AttributedSendId, conversion.WhopMembershipId));
        Assert.Equal((EnrollmentStatus.Converted, Enrollment.GoalReason), (enrollment.Status, enrollment.EndReason));
        Assert.Equal(SendStatus.Canceled, check.Sends.Single(x => x.EnrollmentId == enrollment.Id && x.Id != firstSend.Id).Status);
        Assert.Single(check.Conversions.Where(c => c.CompanyId == s.CompanyId && c.Type == ConversionType.WinBack));
    }

    [Fact]
    public async Task TheChurnSaveReportAddsUpASmallKnownPeriod()
    {
        var s = await SetUpAsync(members: 7);
        var winBack = await s.Scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 80, title: "Come back", steps: [(600, MessageChannel.Push)]);
        await using (var db = app.App.CreateDbContext())
            await db.Playbooks.Where(p => p.Id == winBack.Id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Trigger, PlaybookTrigger.MembershipDeactivated).SetProperty(p => p.Goal, PlaybookGoal.WinBack), Ct);
        var t = app.Time.GetUtcNow();
        object Failed(int i, string plan, decimal total, string status, DateTimeOffset at) => WhopEvents.Payment($"pay_fail_{i}_{s.CompanyId}", s.CompanyId,
            s.User(i), s.Membership(i), plan, total, status, at, billingReason: "subscription_cycle", paymentsFailed: 1);
        foreach (var (i, plan) in new[] { (0, s.BasicPlan), (1, s.BasicPlan), (2, s.ProPlan), (6, s.BasicPlan) })
            await DeliverAsync(s, "membership.activated", Membership(s, i, plan, "active", t.AddDays(-40)), t.AddDays(-40));

        // 1: Whop's retry; 0: ours; 2: still unpaid.
        await DeliverAsync(s, "payment.failed", Failed(1, s.BasicPlan, 19m, "open", t), t);
        await app.ProcessAsync();
        await DeliverAsync(s, "payment.succeeded", Failed(1, s.BasicPlan, 19m, "paid", t.AddMinutes(30)), t.AddMinutes(30));
        await DeliverAsync(s, "payment.failed", Failed(0, s.BasicPlan, 19m, "open", t), t);
        await DeliverAsync(s, "payment.failed", Failed(2, s.ProPlan, 49m, "open", t), t);
        await app.ProcessAsync();
        await app.Get<Dispatcher>().RunAsync(Ct);
        app.Time.Advance(TimeSpan.FromHours(2));
        await DeliverAsync(s, "payment.succeeded", Failed(0, s.BasicPlan, 19m, "paid", t.AddHours(2)), t.AddHours(2));
        // Saves: 3 confirmed by its renewal, 4 pending, 5 lost.
        await SaveAsync(s, 3, s.ProPlan, t);
        await SaveAsync(s, 4, s.BasicPlan, t);
        await SaveAsync(s, 5, s.BasicPlan, t);
        await DeliverAsync(s, "payment.succeeded", Renewal(s, 3, s.ProPlan, 49m, t.AddHours(3)), t.AddHours(3));
        await DeliverAsync(s, "membership.cancel_at_period_end_changed", Membership(s, 5, s.BasicPlan, "canceling", t.AddHours(4), cancel: true), t.AddHours(4));
        // 6: ends, rejoins on a new membership and pays.
        await DeliverAsync(s, "membership.deactivated", Membership(s, 6, s.BasicPlan, "expired", t), t);
        await app.ProcessAsync();
        var rejoin = $"mem_{s.CompanyId}_6_again";
        await DeliverAsync(s, "membership.activated", Membership(s, 6, s.BasicPlan, "active", t.AddHours(5), id: rejoin), t.AddHours(5));
        await DeliverAsync(s, "payment.succeeded", WhopEvents.Payment($"pay_back_{s.CompanyId}", s.CompanyId, s.User(6), rejoin, s.BasicPlan, 19m, "paid", t.AddHours(5)),
            t.AddHours(5));
        await app.ProcessAsync();

        var report = (await app.Get<AnalyticsQueries>().GetOverviewAsync(s.CompanyId, new AnalyticsWindow(t.AddHours(-1), t.AddDays(1)), Ct))!.ChurnSave!;
        Assert.Equal(new ChurnSaveReport(FailedPayments: 3, FailedCents: 8700, FailedThenPaid: 2, FailedThenPaidCents: 3800,
            RecoveredByUs: 1, RecoveredByUsCents: 1900, RecoveredByWhop: 1, RecoveredByWhopCents: 1900,
            SavesPending: 1, SavesPendingCents: 1900, SavesConfirmed: 1, SavesConfirmedCents: 4900, SavesLost: 1,
            WinBacks: 1, WinBackCents: 1900, SaveConfirmationDays: 30) { ByOffer = report.ByOffer }, report);
        // No offer was made: every kind is listed, with nothing in it.
        Assert.Equal(Enum.GetValues<Core.Offers.OfferKind>(), report.ByOffer.Select(o => o.Kind));
        Assert.All(report.ByOffer, o => Assert.Equal(new OfferKindSaves(o.Kind, 0, 0, 0, 0, 0, 0), o));
        Assert.Equal((10600L, 2 / 3d, 3800 / 8700d), (report.RevenueKeptCents, report.RecoveryRateByCount!.Value, report.RecoveryRateByDollars!.Value));
    }
}
