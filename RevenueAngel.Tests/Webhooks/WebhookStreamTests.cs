using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Webhooks;

/// A realistic stream for 100 memberships (joins, first payments, renewals, failures and recoveries, upgrades,
/// churn), about 1,000 deliveries with 30% duplicates, shuffled: the conversions, the revenue and every
/// membership's final state come out exactly as the generator says.
public sealed class WebhookStreamTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Delivery(string WebhookId, string Body);

    [Fact]
    public async Task ShuffledDuplicatedDeliveriesGiveExactlyTheExpectedConversionsRevenueAndStates()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 0);
        var companyId = scenario.CompanyId;
        var basic = scenario.Plan.Id;
        var pro = $"pro_{companyId}";
        await using (var db = app.App.CreateDbContext())
        {
            db.Plans.Add(new Core.Billing.Plan { Id = pro, CompanyId = companyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
            await db.SaveChangesAsync(Ct);
        }

        var random = new Random(20261126);
        var start = app.Time.GetUtcNow().AddDays(-200);
        var events = new List<Delivery>();
        var expected = new Dictionary<ConversionType, int>();
        long expectedConversionRevenue = 0, expectedPaidRevenue = 0;
        var finalStatus = new Dictionary<string, string>();
        void Add(string type, DateTimeOffset at, object data) =>
            events.Add(new Delivery($"msg_{Guid.NewGuid():N}", WhopEvents.Envelope(type, companyId, at, data)));
        void Convert(ConversionType type, long cents) { expected[type] = expected.GetValueOrDefault(type) + 1; expectedConversionRevenue += cents; }

        for (var i = 0; i < 100; i++)
        {
            var user = $"user_{companyId}_{i}";
            var membership = $"mem_{companyId}_{i}";
            var onPro = i % 4 == 0;
            var (plan, price) = onPro ? (pro, 49m) : (basic, 19m);
            var t = start.AddHours(i);
            Add("membership.activated", t, WhopEvents.Membership(membership, companyId, user, plan, "active", t, createdAt: t));
            Add("payment.succeeded", t.AddMinutes(1), WhopEvents.Payment($"pay_{i}_0", companyId, user, membership, plan, price, "paid", t.AddMinutes(1)));
            Convert(ConversionType.FirstPurchase, (long)(price * 100));
            expectedPaidRevenue += (long)(price * 100);
            finalStatus[membership] = "active";

            for (var cycle = 1; cycle <= 5; cycle++)
            {
                var at = t.AddDays(30 * cycle);
                var paymentId = $"pay_{i}_{cycle}";
                if (cycle == 2 && i % 10 < 3)
                {
                    Add("payment.failed", at, WhopEvents.Payment(paymentId, companyId, user, membership, plan, price, "open", at, "subscription_cycle", 1));
                    if (i % 10 < 2)
                    {
                        Add("payment.succeeded", at.AddDays(1), WhopEvents.Payment(paymentId, companyId, user, membership, plan, price, "paid", at.AddDays(1), "subscription_cycle", 1));
                        Convert(ConversionType.Recovery, (long)(price * 100));
                        expectedPaidRevenue += (long)(price * 100);
                        continue;
                    }
                    Add("membership.deactivated", at.AddDays(3), WhopEvents.Membership(membership, companyId, user, plan, "expired", at.AddDays(3), createdAt: t));
                    finalStatus[membership] = "expired";
                    break;
                }
                if (cycle == 3 && !onPro && i % 5 == 1)
                {
                    (plan, price) = (pro, 49m);
                    Add("payment.succeeded", at, WhopEvents.Payment(paymentId, companyId, user, membership, plan, price, "paid", at, "subscription_update"));
                    Add("membership.activated", at.AddMinutes(1), WhopEvents.Membership(membership, companyId, user, plan, "active", at.AddMinutes(1), createdAt: t));
                    Convert(ConversionType.Upgrade, 4900);
                    expectedPaidRevenue += 4900;
                    continue;
                }
                Add("payment.succeeded", at, WhopEvents.Payment(paymentId, companyId, user, membership, plan, price, "paid", at, "subscription_cycle"));
                expectedPaidRevenue += (long)(price * 100);
            }
        }

        // 30% more deliveries: redeliveries of the same webhook id, and the same event sent again under a new id.
        var duplicates = events.OrderBy(_ => random.Next()).Take(events.Count * 3 / 10)
            .Select((e, n) => n % 2 == 0 ? e : e with { WebhookId = $"msg_{Guid.NewGuid():N}" }).ToList();
        var deliveries = events.Concat(duplicates).OrderBy(_ => random.Next()).ToList();
        Assert.InRange(deliveries.Count, 900, 1100);

        foreach (var batch in deliveries.Chunk(20))
        {
            var responses = await Task.WhenAll(batch.Select(d => app.DeliverAsync(d.Body, d.WebhookId)));
            Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        }
        await app.ProcessAsync();

        await using var check = app.App.CreateDbContext();
        Assert.Equal(events.Count + duplicates.Count(d => events.All(e => e.WebhookId != d.WebhookId)),
            await check.WebhookEvents.CountAsync(e => e.CompanyId == companyId, Ct));
        Assert.All(await check.WebhookEvents.Where(e => e.CompanyId == companyId).ToListAsync(Ct),
            e => Assert.True(e.Status == WebhookEventStatus.Processed, $"{e.EventType}: {e.Status} {e.Error}"));
        var conversions = await check.Conversions.Where(c => c.CompanyId == companyId).ToListAsync(Ct);
        Assert.Equal(expected.OrderBy(e => e.Key), conversions.GroupBy(c => c.Type).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(e => e.Key));
        Assert.Equal(expectedConversionRevenue, conversions.Sum(c => c.RevenueCents));
        Assert.Equal(expectedPaidRevenue, await check.Payments.Where(p => p.CompanyId == companyId && p.PaidAt != null).SumAsync(p => p.TotalCents, Ct));
        var states = await check.Memberships.Where(m => m.CompanyId == companyId).ToDictionaryAsync(m => m.Id, m => m.Status, Ct);
        Assert.Equal(finalStatus.OrderBy(s => s.Key), states.OrderBy(s => s.Key));
    }
}
