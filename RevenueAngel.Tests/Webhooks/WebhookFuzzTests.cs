using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Jobs;

namespace RevenueAngel.Tests.Webhooks;

/// The app with webhook processing as in production: woken on receipt and swept every second by its Quartz job.
public sealed class WebhookJobFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Whop:WebhookSecrets:0"] = WebhookAppFixture.Secret;
        settings["Jobs:Periodic"] = "true";
        settings["Webhooks:PollSeconds"] = "1";
        settings["Webhooks:ProcessOnReceipt"] = "true";
        // Thousands of deliveries from one test address: the per-IP webhook limit is not what this tests.
        settings["RateLimits:WebhooksPerIpPerMinute"] = "1000000";
    }

    public async Task<HttpStatusCode> DeliverAsync(HttpClient client, string id, byte[] body)
    {
        var ts = Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookAppFixture.Secret),
            (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{ts}."), .. body]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts);
        request.Headers.Add("webhook-signature", signature);
        using var response = await client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}

public sealed class WebhookFuzzTests(WebhookJobFixture app) : IClassFixture<WebhookJobFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private const int Hostile = 2000;
    private const int Real = 60;

    [Fact]
    public async Task ThousandsOfSignedHostileBodiesAreAllStoredNoneStopsTheJobAndEveryRealEventAmongThemIsApplied()
    {
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/dashboard/{company.CompanyId}", app.AdminTokenFor(company.CompanyId))).StatusCode);
        var at = app.Time.GetUtcNow();
        var hostile = new HostileBodies(new Random(20261201), company.CompanyId, $"user_{company.CompanyId}_h", company.BasicPlanId);
        var deliveries = new List<(string Id, string Kind, byte[] Body)>();
        for (var i = 0; i < Hostile; i++)
        {
            var (kind, body) = hostile.Next(i);
            // Some ids are longer than the column: stored as their hash, still found again.
            var id = i % 97 == 0 ? $"msg_long_{i}_{new string('i', 300)}" : $"msg_hostile_{company.CompanyId}_{i}";
            deliveries.Add((id, kind, body));
        }
        for (var i = 0; i < Real; i++)
        {
            var user = $"user_{company.CompanyId}_r{i}";
            var body = i % 2 == 0
                ? WhopEvents.Envelope("payment.failed", company.CompanyId, at, WhopEvents.Payment(RealPayment(company, i), company.CompanyId, user,
                    RealMembership(company, i), company.BasicPlanId, 19.99m, "open", at, "subscription_cycle", 1))
                : WhopEvents.Envelope("membership.activated", company.CompanyId, at, WhopEvents.Membership(RealMembership(company, i), company.CompanyId, user,
                    company.ProPlanId, "active", at));
            deliveries.Insert(new Random(i).Next(deliveries.Count), ($"msg_real_{company.CompanyId}_{i}", "real", Encoding.UTF8.GetBytes(body)));
        }

        var answers = new ConcurrentBag<(string Kind, HttpStatusCode Status)>();
        using var client = app.App.CreateClient();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (d, _) => answers.Add((d.Kind, await app.DeliverAsync(client, d.Id, d.Body))));

        Assert.Empty(answers.Where(a => a.Status != HttpStatusCode.OK).GroupBy(a => (a.Kind, a.Status)).Select(g => $"{g.Key}: {g.Count()}"));
        await WaitUntilAsync(async db => await db.WebhookEvents.CountAsync(e => e.Status == WebhookEventStatus.Received, Ct) == 0, "the backlog drained");

        await using (var db = app.App.CreateDbContext())
        {
            var real = await db.WebhookEvents.Where(e => e.WebhookId.StartsWith("msg_real_")).ToListAsync(Ct);
            Assert.Equal(Real, real.Count);
            Assert.All(real, e => Assert.True(e.Status == WebhookEventStatus.Processed, $"{e.WebhookId}: {e.Status} {e.Error}"));
            var memberships = await db.Memberships.Where(m => m.CompanyId == company.CompanyId && m.Id.StartsWith("mem_real_"))
                .ToDictionaryAsync(m => m.Id, m => m.Status, Ct);
            Assert.All(Enumerable.Range(0, Real), i => Assert.Equal(i % 2 == 0 ? "past_due" : "active", memberships.GetValueOrDefault(RealMembership(company, i))));
            Assert.Equal(Real / 2, await db.Payments.CountAsync(p => p.CompanyId == company.CompanyId && p.FailedAt != null && p.Id.StartsWith("pay_real_"), Ct));
        }

        // Payloads that cannot be read are retried once, then dead; other failures keep their longer schedule.
        app.Time.Advance(TimeSpan.FromHours(2));
        await WaitUntilAsync(async db => !await db.WebhookEvents.AnyAsync(e => (e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed)
            && e.NextAttemptAt <= app.Time.GetUtcNow(), Ct), "the retries ran");

        await using (var db = app.App.CreateDbContext())
        {
            var rows = await db.WebhookEvents.Where(e => !e.WebhookId.StartsWith("msg_real_")).ToDictionaryAsync(e => e.WebhookId, Ct);
            foreach (var (id, kind, _) in deliveries.Where(d => d.Kind != "real"))
            {
                var row = rows[id.Length > 128 ? $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))}" : id];
                Assert.True(row.Status is WebhookEventStatus.Ignored or WebhookEventStatus.Failed or WebhookEventStatus.Dead, $"{kind} {id}: {row.Status}");
                Assert.False(string.IsNullOrWhiteSpace(row.Error), $"{kind} {id} has no reason");
                if (kind == HostileBodies.Broken) Assert.True(row.Status == WebhookEventStatus.Dead, $"{id}: {row.Status} {row.Error}");
            }
            Assert.Contains(rows.Values, e => e.Payload.StartsWith("base64:", StringComparison.Ordinal));
            Assert.Contains(rows.Values, e => e.Error!.Contains("event type is over 100 characters", StringComparison.Ordinal));
            Assert.False(await db.Memberships.AnyAsync(m => m.Id.StartsWith("mem_hostile_"), Ct));
        }

        // Nothing hostile stopped processing: an event sent now is still applied.
        var late = WhopEvents.Envelope("payment.failed", company.CompanyId, app.Time.GetUtcNow(), WhopEvents.Payment($"pay_late_{company.CompanyId}",
            company.CompanyId, $"user_{company.CompanyId}_late", $"mem_late_{company.CompanyId}", company.BasicPlanId, 19.99m, "open", app.Time.GetUtcNow(),
            "subscription_cycle", 1));
        Assert.Equal(HttpStatusCode.OK, await app.DeliverAsync(client, $"msg_late_{company.CompanyId}", Encoding.UTF8.GetBytes(late)));
        await WaitUntilAsync(async db => await db.Memberships.AnyAsync(m => m.Id == $"mem_late_{company.CompanyId}" && m.Status == "past_due", Ct),
            "the late event applied");
    }

    private static string RealPayment(FakeWhopBuilder company, int i) => $"pay_real_{i}_{company.CompanyId}";

    private static string RealMembership(FakeWhopBuilder company, int i) => $"mem_real_{i}_{company.CompanyId}";

    /// Polls, moving the clock a second each time and waking the job as its sweep would: the fake clock drives
    /// Quartz here too, so the job's own schedule (set in real time, days ahead of the fake one) never comes.
    private async Task WaitUntilAsync(Func<Core.Persistence.RevenueAngelDbContext, Task<bool>> condition, string what)
    {
        // Generous: hostile batches fall back to a savepoint per event and look up their unknown plans at Whop, and CI
        // has two busy cores; a job that stopped still fails here, with what is left.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (true)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            await app.Get<WebhookWakeUp>().NowAsync(Ct);
            // In the full suite the job's wake-ups were seen not to reach this host's scheduler (a Quartz scheduler
            // shared between test hosts is suspected); the processor the job runs is run here too, so the drain
            // itself is what this waits on.
            await app.Get<Core.Webhooks.WebhookProcessor>().RunAsync(ct: Ct);
            await using (var db = app.App.CreateDbContext())
            {
                if (await condition(db)) return;
                if (DateTime.UtcNow > deadline)
                {
                    var now = app.Time.GetUtcNow();
                    var due = await db.WebhookEvents.Where(e => e.NextAttemptAt <= now && (e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed))
                        .Select(e => new { e.WebhookId, e.Status, e.Attempts, e.Error }).Take(5).ToListAsync(Ct);
                    var counts = await db.WebhookEvents.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
                    Assert.Fail($"timed out waiting until {what}; {string.Join(", ", counts)}; due: {string.Join(" | ", due)}");
                }
            }
            await Task.Delay(200, Ct);
        }
    }
}
