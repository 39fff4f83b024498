using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Deployment.Replicas;

/// What the replica tests put through the cluster: push sends coming due over a spread of time, in a few companies
/// whose rate limits are lifted, and a stream of signed payment webhooks for other members (a purchase, a renewal
/// that fails and is recovered, a further renewal: four events per member, posted in order per member).
public sealed class ReplicaWorkload
{
    public const long PriceCents = 1900;
    private int _posted;

    private ReplicaWorkload(IReadOnlyList<string> companies, IReadOnlyList<long> sendIds, IReadOnlyList<Payer> payers)
    {
        Companies = companies;
        SendIds = sendIds;
        Payers = payers;
    }

    public IReadOnlyList<string> Companies { get; }
    public IReadOnlyList<long> SendIds { get; }
    public IReadOnlyList<Payer> Payers { get; }
    public IEnumerable<string> WebhookIds => Payers.SelectMany(p => p.Events).Select(e => e.Id);
    public int WebhookCount => Payers.Sum(p => p.Events.Count);

    /// Deliveries that had to go to another replica (the first one refused or was gone).
    public int Redelivered;

    private readonly int[] _acceptedBy = new int[8];

    /// Deliveries each replica verified, stored and acknowledged.
    public int AcceptedBy(int replica) => Volatile.Read(ref _acceptedBy[replica]);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<ReplicaWorkload> SeedAsync(ReplicaCluster cluster, int companies, int sends, int payers, TimeSpan dueOver)
    {
        var now = DateTimeOffset.UtcNow;
        var key = Guid.NewGuid().ToString("N")[..8];
        var companyIds = Enumerable.Range(1, companies).Select(c => $"biz_{key}_{c}").ToList();
        var sendIds = new List<long>();
        await using var db = cluster.CreateDbContext();
        var playbooks = new Dictionary<string, (Playbook Playbook, PlaybookStep Step)>();
        foreach (var id in companyIds)
        {
            var company = new Company
            {
                Id = id, Name = $"Replica Lab {id}", InstalledAt = now.AddDays(-30), WhopExperienceId = $"exp_{id}",
                QuietHoursStart = null, QuietHoursEnd = null, FrequencyCapMessages = 50, FrequencyCapDays = 1, SendsPerMinute = 100_000,
            };
            company.Sync.CompletedAt = now;
            db.Companies.Add(company);
            db.Plans.Add(new Plan { Id = PlanOf(id), CompanyId = id, Title = "Pro", RenewalPriceCents = PriceCents, BillingPeriodDays = 30 });
            var template = new MessageTemplate { CompanyId = id, Name = "t", Title = "Hi {{ first_name }}", Body = "Welcome to {{ community_name }}" };
            db.MessageTemplates.Add(template);
            await db.SaveChangesAsync(Ct);
            var playbook = new Playbook
            {
                CompanyId = id, Name = "Upsell", Type = PlaybookType.Upsell, Enabled = true, Priority = 20, HoldoutPercent = 0,
                Goal = PlaybookGoal.Upgrade, ExitRules = "{}", CreatedAt = now.AddDays(-1),
            };
            var step = new PlaybookStep { Position = 1, DelayMinutes = 0, Channel = MessageChannel.Push, TemplateId = template.Id };
            playbook.Steps.Add(step);
            db.Playbooks.Add(playbook);
            await db.SaveChangesAsync(Ct);
            playbooks[id] = (playbook, step);
            cluster.Whop.Store.Companies[id] = new FakeCompany(id, company.Name);
            cluster.Whop.Store.Experiences[company.WhopExperienceId] = new FakeExperience(company.WhopExperienceId, id, ReplicaCluster.AppId, "RevenueAngel", "prod_x");
        }

        var members = Enumerable.Range(0, sends).Select(i => new Member
        {
            CompanyId = companyIds[i % companies], WhopUserId = $"user_{key}_{i}", WhopMemberId = $"mber_{key}_{i}", Name = $"Maya{i} Stone",
            CreatedAt = now.AddDays(-40),
        }).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync(Ct);
        db.Memberships.AddRange(members.Select(m => new Membership
        {
            Id = $"mem_{key}_{m.Id}", CompanyId = m.CompanyId, MemberId = m.Id, PlanId = PlanOf(m.CompanyId), Status = MembershipStatuses.Active,
            CreatedAt = m.CreatedAt, UpdatedAt = m.CreatedAt,
        }));
        var enrollments = members.Select(m => new Enrollment
        {
            CompanyId = m.CompanyId, PlaybookId = playbooks[m.CompanyId].Playbook.Id, SubjectId = m.Id, EnteredAt = now, Group = "treatment",
        }).ToList();
        db.Enrollments.AddRange(enrollments);
        await db.SaveChangesAsync(Ct);
        var start = DateTimeOffset.UtcNow;
        var due = enrollments.Select((e, i) => Send.Schedule(e.CompanyId, e.PlaybookId, playbooks[e.CompanyId].Step.Id, e.Id, MessageChannel.Push,
            start + dueOver * i / sends)).ToList();
        db.Sends.AddRange(due);
        await db.SaveChangesAsync(Ct);
        sendIds.AddRange(due.Select(s => s.Id));

        var paying = Enumerable.Range(0, payers).Select(i => Payer.Create($"{key}_p{i}", companyIds[i % companies], now.AddHours(-2).AddSeconds(i))).ToList();
        return new ReplicaWorkload(companyIds, sendIds, paying);
    }

    public static string PlanOf(string companyId) => $"plan_{companyId}";

    /// Posts every payer's events, in order per payer and <paramref name="concurrency"/> payers at once, each to the next
    /// replica in turn. Like Whop, a delivery that fails (a refusal, a replica gone) is delivered again, to the next
    /// replica, until one answers 2xx. <paramref name="pace"/> spreads the payers over time.
    public async Task PostWebhooksAsync(ReplicaCluster cluster, int concurrency, TimeSpan pace = default)
    {
        var started = DateTime.UtcNow;
        var order = 0;
        await Parallel.ForEachAsync(Payers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = Ct }, async (payer, ct) =>
        {
            var n = Interlocked.Increment(ref order);
            var wait = started + pace * n / Payers.Count - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            foreach (var webhook in payer.Events) await DeliverAsync(cluster, webhook, ct);
        });
    }

    private async Task DeliverAsync(ReplicaCluster cluster, SignedWebhook webhook, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        for (var attempt = 0; ; attempt++)
        {
            var replica = Interlocked.Increment(ref _posted) % cluster.Count;
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop")
            {
                Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", webhook.Id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookAppFixture.SignWithSecret(webhook.Id, timestamp, webhook.Body, ReplicaCluster.WebhookSecret));
            try
            {
                using var response = await cluster.Http(replica).SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _acceptedBy[replica]);
                    return;
                }
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests))
                    Assert.Fail($"webhook {webhook.Id} refused with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The replica is gone (killed) or went mid-request: Whop delivers again.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"webhook {webhook.Id} was not accepted by any replica in 120 s");
            Interlocked.Increment(ref Redelivered);
            await Task.Delay(100 * Math.Min(attempt + 1, 5), ct);
        }
    }

    /// Waits until no send is due or in flight and every webhook is applied (or a failure shows).
    public async Task WaitUntilDoneAsync(ReplicaCluster cluster, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var ids = WebhookIds.ToList();
        string state = "";
        while (DateTime.UtcNow < deadline)
        {
            await using var db = cluster.CreateDbContext();
            var open = await db.Sends.CountAsync(s => Companies.Contains(s.CompanyId) && (s.Status == SendStatus.Scheduled || s.Status == SendStatus.Sending), Ct);
            var pending = await db.WebhookEvents.CountAsync(e => ids.Contains(e.WebhookId)
                && e.Status != Core.Webhooks.WebhookEventStatus.Processed, Ct);
            var stored = await db.WebhookEvents.CountAsync(e => ids.Contains(e.WebhookId), Ct);
            state = $"{open} sends open, {stored}/{ids.Count} events stored, {pending} not processed";
            if (open == 0 && pending == 0 && stored == ids.Count) return;
            await Task.Delay(1000, Ct);
        }
        Assert.Fail($"the cluster did not finish in {timeout.TotalSeconds:0} s: {state}");
    }

    public sealed record SignedWebhook(string Id, string Body);

    /// A member who buys, fails a renewal that is then recovered, and renews again.
    public sealed record Payer(string UserId, string CompanyId, string MembershipId, IReadOnlyList<SignedWebhook> Events, IReadOnlyList<string> PaymentIds)
    {
        public static Payer Create(string key, string companyId, DateTimeOffset at)
        {
            var (user, membership, plan, price) = ($"user_{key}", $"mem_{key}", PlanOf(companyId), PriceCents / 100m);
            var (first, renewal, next) = ($"pay_{key}_a", $"pay_{key}_b", $"pay_{key}_c");
            SignedWebhook Event(string type, DateTimeOffset when, object data) =>
                new($"msg_{Guid.NewGuid():N}", WhopEvents.Envelope(type, companyId, when, data));
            return new Payer(user, companyId, membership,
            [
                Event("payment.succeeded", at, WhopEvents.Payment(first, companyId, user, membership, plan, price, "paid", at)),
                Event("payment.failed", at.AddMinutes(10), WhopEvents.Payment(renewal, companyId, user, membership, plan, price, "open", at.AddMinutes(10),
                    "subscription_cycle", 1)),
                Event("payment.succeeded", at.AddMinutes(20), WhopEvents.Payment(renewal, companyId, user, membership, plan, price, "paid", at.AddMinutes(20),
                    "subscription_cycle", 1)),
                Event("payment.succeeded", at.AddMinutes(30), WhopEvents.Payment(next, companyId, user, membership, plan, price, "paid", at.AddMinutes(30),
                    "subscription_cycle")),
            ], [first, renewal, next]);
        }
    }
}
