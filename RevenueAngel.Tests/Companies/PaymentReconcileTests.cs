using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Dispatch;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Companies;

/// The sync's payment reconcile heals what Whop's webhooks did not bring: the real WhopClient lists the fake Whop's
/// payments (and a refunded payment's refunds) over HTTP, and what it finds goes through the webhook handlers, so every
/// conversion, refund and recovery is counted once however many ways it arrived.
public sealed class PaymentReconcileTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private FakeWhopStore Whop => app.Whop.Store;

    private CompanySync Sync => app.Get<CompanySync>();

    private sealed record Webhook(string Kind, string PaymentId, string Body);

    /// Whop's side of one company: the plan, and a user and membership per member of the scenario.
    private async Task<(DispatchScenario Scenario, List<FakeMembership> Memberships)> CompanyAsync(int members)
    {
        var scenario = await DispatchScenario.CreateAsync(app, members, c => c.SendsPerMinute = 600);
        Whop.Plans[scenario.Plan.Id] = new FakePlan(scenario.Plan.Id, scenario.CompanyId, "prod_x", "Basic", 19m, 30);
        Whop.Products["prod_x"] = new FakeProduct("prod_x", scenario.CompanyId, "Pro", "pro");
        await using var db = app.App.CreateDbContext();
        var ours = await db.Memberships.Where(m => m.CompanyId == scenario.CompanyId).ToDictionaryAsync(m => m.MemberId, Ct);
        var memberships = scenario.Members.Select(m =>
        {
            Whop.Users[m.WhopUserId] = new FakeUser(m.WhopUserId, $"maya{m.Id}", m.Name!);
            var membership = new FakeMembership
            {
                Id = ours[m.Id].Id, CompanyId = scenario.CompanyId, UserId = m.WhopUserId, MemberId = m.WhopMemberId!, PlanId = scenario.Plan.Id,
                ProductId = "prod_x", CreatedAt = m.CreatedAt, UpdatedAt = m.CreatedAt,
                RenewalPeriodStart = m.CreatedAt, RenewalPeriodEnd = m.CreatedAt.AddDays(30),
            };
            return Whop.Memberships[membership.Id] = membership;
        }).ToList();
        return (scenario, memberships);
    }

    private FakePayment Pay(DispatchScenario scenario, FakeMembership membership, DateTimeOffset at, string billingReason)
    {
        var payment = new FakePayment
        {
            Id = $"pay_{Guid.NewGuid():N}"[..18], CompanyId = scenario.CompanyId, MembershipId = membership.Id, UserId = membership.UserId,
            PlanId = membership.PlanId, Total = 19m, BillingReason = billingReason, PaidAt = at, CreatedAt = at, UpdatedAt = at,
        };
        return Whop.Payments[payment.Id] = payment;
    }

    /// The webhook Whop raises for an object as it stands now (the fake's own JSON of it).
    private static Webhook Raised(string kind, string paymentId, string type, string companyId, DateTimeOffset at, object data) =>
        new(kind, paymentId, WhopEvents.Envelope(type, companyId, at, data));

    private async Task DeliverAsync(IEnumerable<Webhook> webhooks)
    {
        foreach (var webhook in webhooks) Assert.True((await app.DeliverAsync(webhook.Body)).IsSuccessStatusCode);
        await app.ProcessAsync();
    }

    [Fact]
    public async Task AfterOneReconcileEveryDroppedConversionRefundAndRecoveryIsCountedOnceAndStaysOnce()
    {
        var (scenario, memberships) = await CompanyAsync(members: 40);
        var sends = await scenario.EnrollAsync(await scenario.PlaybookAsync());
        await app.Get<Dispatcher>().RunAsync(Ct);
        foreach (var send in sends) Assert.Equal(SendStatus.Sent, (await scenario.ReloadAsync(send.Id)).Status);
        var sendOf = scenario.Members.Zip(sends).ToDictionary(x => x.First.Id, x => x.Second.Id);
        var memberOf = scenario.Members.ToDictionary(m => m.WhopUserId, m => m.Id);
        var start = app.Time.GetUtcNow().AddHours(1);

        // Four kinds of member, ten each: a first purchase; a first purchase refunded; a renewal that failed and was
        // recovered; a plain renewal (revenue, no conversion).
        var webhooks = new List<Webhook>();
        var expected = new Dictionary<string, (ConversionType Type, long SendId)>();
        var refunded = new List<string>();
        for (var i = 0; i < memberships.Count; i++)
        {
            var membership = memberships[i];
            var at = start.AddMinutes(i);
            var sendId = sendOf[memberOf[membership.UserId]];
            switch (i % 4)
            {
                case 0 or 1:
                {
                    var payment = Pay(scenario, membership, at, "subscription_create");
                    webhooks.Add(Raised("purchase", payment.Id, "payment.succeeded", scenario.CompanyId, at, FakeWhopJson.Payment(Whop, payment)));
                    expected[payment.Id] = (ConversionType.FirstPurchase, sendId);
                    if (i % 4 == 0) break;
                    var refund = Whop.RefundPayment(payment, 19m, at.AddMinutes(20));
                    webhooks.Add(Raised("refund", payment.Id, "refund.created", scenario.CompanyId, refund.CreatedAt, new
                    {
                        id = refund.Id, status = refund.Status, amount = refund.Amount, currency = "usd", payment = FakeWhopJson.Payment(Whop, payment),
                        created_at = refund.CreatedAt,
                    }));
                    refunded.Add(payment.Id);
                    break;
                }
                case 2:
                {
                    var payment = Pay(scenario, membership, at, "subscription_cycle");
                    (payment.Status, payment.Substatus, payment.PaidAt, payment.PaymentsFailed, payment.FailureMessage) = ("open", "failed", null, 1, "Your card was declined.");
                    (payment.LastPaymentAttempt, payment.NextPaymentAttempt) = (at, at.AddDays(1));
                    (membership.Status, membership.UpdatedAt) = ("past_due", at);
                    webhooks.Add(Raised("failure", payment.Id, "payment.failed", scenario.CompanyId, at, FakeWhopJson.Payment(Whop, payment)));
                    var paidAt = at.AddMinutes(30);
                    (payment.Status, payment.Substatus, payment.PaidAt, payment.UpdatedAt, payment.LastPaymentAttempt, payment.NextPaymentAttempt) =
                        ("paid", "succeeded", paidAt, paidAt, paidAt, null);
                    (membership.Status, membership.UpdatedAt) = ("active", paidAt);
                    webhooks.Add(Raised("recovery", payment.Id, "payment.succeeded", scenario.CompanyId, paidAt, FakeWhopJson.Payment(Whop, payment)));
                    expected[payment.Id] = (ConversionType.Recovery, sendId);
                    break;
                }
                default:
                {
                    var payment = Pay(scenario, membership, at, "subscription_cycle");
                    webhooks.Add(Raised("renewal", payment.Id, "payment.succeeded", scenario.CompanyId, at, FakeWhopJson.Payment(Whop, payment)));
                    break;
                }
            }
        }
        Assert.Equal(60, webhooks.Count);

        // 10% are never delivered, of every kind that counts: two purchases, two refunds, a recovery, a failure.
        var random = new Random(15);
        var dropped = new[] { ("purchase", 2), ("refund", 2), ("recovery", 1), ("failure", 1) }
            .SelectMany(k => webhooks.Where(w => w.Kind == k.Item1).OrderBy(_ => random.Next()).Take(k.Item2)).ToHashSet();
        Assert.Equal(6, dropped.Count);
        app.Time.Advance(TimeSpan.FromHours(3));
        await DeliverAsync(webhooks.Where(w => !dropped.Contains(w)));
        var beforeReconcile = await ConversionsAsync(scenario.CompanyId);
        Assert.Equal(expected.Count - 3, beforeReconcile.Count);
        Assert.Equal(refunded.Count - 2, await RefundsAsync(scenario.CompanyId));

        await Sync.SyncAsync(scenario.CompanyId, Ct);
        await app.ProcessAsync();

        var conversions = await ConversionsAsync(scenario.CompanyId);
        Assert.Equal(expected.OrderBy(e => e.Key).Select(e => (e.Key, e.Value.Type, 1900L, (long?)e.Value.SendId, AttributionMethod.Delivery)),
            conversions.OrderBy(c => c.WhopPaymentId).Select(c => (c.WhopPaymentId, c.Type, c.RevenueCents, c.AttributedSendId, c.AttributionMethod)));
        await using (var db = app.App.CreateDbContext())
        {
            var adjustments = await db.RevenueAdjustments.Where(a => a.CompanyId == scenario.CompanyId).ToListAsync(Ct);
            Assert.Equal(refunded.Order(), adjustments.Select(a => a.WhopPaymentId).Order());
            Assert.All(adjustments, a => Assert.Equal((-1900L, conversions.Single(c => c.WhopPaymentId == a.WhopPaymentId).Id), (a.AmountCents, a.ConversionId!.Value)));
            Assert.All(await db.WebhookEvents.Where(e => e.CompanyId == scenario.CompanyId).ToListAsync(Ct),
                e => Assert.True(e.Status == WebhookEventStatus.Processed, $"{e.WebhookId} {e.EventType}: {e.Status} {e.Error}"));
            var state = (await db.Companies.SingleAsync(c => c.Id == scenario.CompanyId, Ct)).Sync;
            Assert.Equal((SyncStatus.Idle, app.Time.GetUtcNow()), (state.Status, state.PaymentsReconciledUntil));
            // The payments whose latest state was dropped, every refunded payment (refund.created does not move our copy of
            // the payment, so its refunded state is applied again, harmlessly), and the dropped refunds.
            var stale = dropped.Where(w => w.Kind is "purchase" or "recovery").Select(w => w.PaymentId).Union(refunded).Count();
            Assert.Equal(stale + dropped.Count(w => w.Kind == "refund"), state.PaymentsHealed);
        }
        var figures = await FiguresAsync(scenario.CompanyId);
        Assert.Equal(("usd", 30 * 1900L, 10, 10), (figures.Summary.Revenue.Single().Currency, figures.Summary.Revenue.Single().Cents,
            figures.Summary.FailedPayments, figures.Summary.RecoveredPayments));
        Assert.Equal((20, 10, 30), (figures.Analytics.ConversionsByType[ConversionType.FirstPurchase], figures.Analytics.ConversionsByType[ConversionType.Recovery],
            figures.Analytics.AttributedConversions));

        // Again: nothing new is queued. Then Whop redelivers every webhook, the dropped ones too: still once.
        await Sync.SyncAsync(scenario.CompanyId, Ct);
        await app.ProcessAsync();
        await using (var db = app.App.CreateDbContext())
            Assert.Equal(0, (await db.Companies.SingleAsync(c => c.Id == scenario.CompanyId, Ct)).Sync.PaymentsHealed);
        await DeliverAsync(webhooks);
        Assert.Equal(Snapshot(conversions), Snapshot(await ConversionsAsync(scenario.CompanyId)));
        Assert.Equal(refunded.Count, await RefundsAsync(scenario.CompanyId));
        Assert.Equal(Json(figures), Json(await FiguresAsync(scenario.CompanyId)));
    }

    [Fact]
    public async Task AWhopOutageHalfWayThroughLeavesTheWatermarkAndTheNextReconcileHeals()
    {
        var (scenario, memberships) = await CompanyAsync(members: 150);
        var at = app.Time.GetUtcNow().AddMinutes(5);
        foreach (var membership in memberships) Pay(scenario, membership, at, "subscription_create");
        app.Time.Advance(TimeSpan.FromMinutes(10));
        var failing = true;
        // The second page of payments answers 503 (no retries in this fixture).
        Whop.OnRequest = r =>
        {
            if (failing && r.PathAndQuery.StartsWith("/api/v1/payments?", StringComparison.Ordinal) && r.PathAndQuery.Contains("&after=", StringComparison.Ordinal))
                Whop.FailNext(1, 503);
        };
        try
        {
            await Sync.SyncAsync(scenario.CompanyId, Ct);
            await app.ProcessAsync();

            await using (var db = app.App.CreateDbContext())
            {
                var state = (await db.Companies.SingleAsync(c => c.Id == scenario.CompanyId, Ct)).Sync;
                Assert.Equal((SyncStatus.Failed, (DateTimeOffset?)null), (state.Status, state.PaymentsReconciledUntil));
            }
            Assert.Equal(100, (await ConversionsAsync(scenario.CompanyId)).Count);

            failing = false;
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await Sync.SyncAsync(scenario.CompanyId, Ct);
            await app.ProcessAsync();
        }
        finally
        {
            Whop.OnRequest = null;
        }

        await using var check = app.App.CreateDbContext();
        var healed = (await check.Companies.SingleAsync(c => c.Id == scenario.CompanyId, Ct)).Sync;
        Assert.Equal((SyncStatus.Idle, app.Time.GetUtcNow(), 50), (healed.Status, healed.PaymentsReconciledUntil, healed.PaymentsHealed));
        var conversions = await ConversionsAsync(scenario.CompanyId);
        Assert.Equal(150, conversions.Count);
        Assert.Equal(Whop.Payments.Values.Where(p => p.CompanyId == scenario.CompanyId).Select(p => p.Id).Order(), conversions.Select(c => c.WhopPaymentId).Order());
        Assert.Equal(150, await check.WebhookEvents.CountAsync(e => e.CompanyId == scenario.CompanyId && e.WebhookId.StartsWith(PaymentReconcile.WebhookIdPrefix), Ct));
    }

    [Fact]
    public async Task TheNextReconcileAsksForWhatChangedSinceTheLastLessTheOverlapAndFindsALaterRefund()
    {
        var (scenario, memberships) = await CompanyAsync(members: 2);
        var payment = Pay(scenario, memberships[0], app.Time.GetUtcNow().AddMinutes(-5), "subscription_create");
        await Sync.SyncAsync(scenario.CompanyId, Ct);
        await app.ProcessAsync();
        var watermark = app.Time.GetUtcNow();
        Assert.Single(await ConversionsAsync(scenario.CompanyId));

        app.Time.Advance(TimeSpan.FromHours(7));
        Whop.RefundPayment(payment, 5m, app.Time.GetUtcNow().AddHours(-1));
        var requestsBefore = Whop.Requests.Count;
        await Sync.SyncAsync(scenario.CompanyId, Ct);
        await app.ProcessAsync();

        var listed = Whop.Requests.Skip(requestsBefore).Single(r => r.PathAndQuery.StartsWith("/api/v1/payments?", StringComparison.Ordinal));
        Assert.Contains($"updated_after={Uri.EscapeDataString(watermark.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))}", listed.PathAndQuery);
        Assert.Contains(Whop.Requests.Skip(requestsBefore), r => r.PathAndQuery == $"/api/v1/refunds?payment_id={payment.Id}&first=100");
        await using var db = app.App.CreateDbContext();
        var adjustment = await db.RevenueAdjustments.SingleAsync(a => a.CompanyId == scenario.CompanyId, Ct);
        Assert.Equal((payment.Id, -500L, (await ConversionsAsync(scenario.CompanyId)).Single().Id), (adjustment.WhopPaymentId, adjustment.AmountCents, adjustment.ConversionId!.Value));
    }

    private async Task<List<Conversion>> ConversionsAsync(string companyId)
    {
        await using var db = app.App.CreateDbContext();
        return await db.Conversions.AsNoTracking().Where(c => c.CompanyId == companyId).ToListAsync(Ct);
    }

    private async Task<int> RefundsAsync(string companyId)
    {
        await using var db = app.App.CreateDbContext();
        return await db.RevenueAdjustments.CountAsync(a => a.CompanyId == companyId && a.AmountCents < 0, Ct);
    }

    private async Task<(DashboardSummary Summary, PeriodFigures Analytics)> FiguresAsync(string companyId)
    {
        var summary = (await app.Get<DashboardQueries>().GetSummaryAsync(companyId, 30, Ct))!;
        var overview = (await app.Get<AnalyticsQueries>().GetOverviewAsync(companyId, AnalyticsWindow.LastDays(30, app.Time.GetUtcNow()), Ct))!;
        return (summary, overview.Current);
    }

    private static string Snapshot(IEnumerable<Conversion> conversions) =>
        string.Join('\n', conversions.OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.WhopPaymentId}|{c.Type}|{c.RevenueCents}|{c.AttributedSendId}|{c.CreatedAt:O}"));

    private static string Json((DashboardSummary Summary, PeriodFigures Analytics) figures) =>
        JsonSerializer.Serialize(new { figures.Summary.Revenue, figures.Summary.FailedPayments, figures.Summary.RecoveredPayments, figures.Analytics });
}
