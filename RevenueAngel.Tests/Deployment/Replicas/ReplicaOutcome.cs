using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Tests.Deployment.Replicas;

/// What happened, read from the two witnesses that cannot be talked round: the fake Whop's own record of every
/// notification it was asked to deliver (by the send's idempotency key), and the database.
public sealed record ReplicaOutcome(
    IReadOnlyDictionary<long, int> DeliveriesBySend,
    int NotificationRequests,
    IReadOnlyDictionary<long, (SendStatus Status, string? Error)> Sends,
    IReadOnlyList<(string WebhookId, WebhookEventStatus Status, int Attempts, string? Error)> Events,
    IReadOnlyList<Payment> Payments,
    int Conversions,
    int DistinctConvertedPayments)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<ReplicaOutcome> ReadAsync(ReplicaCluster cluster, ReplicaWorkload workload)
    {
        var companies = workload.Companies.ToHashSet();
        var deliveries = cluster.Whop.Store.Deliveries.Where(d => d.Kind == "notification" && companies.Contains(d.CompanyId))
            .GroupBy(d => SendIdOf(d.IdempotencyKey)).ToDictionary(g => g.Key, g => g.Count());
        var requests = cluster.Whop.Store.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/api/v1/notifications", StringComparison.Ordinal));
        await using var db = cluster.CreateDbContext();
        var sends = await db.Sends.Where(s => companies.Contains(s.CompanyId)).Select(s => new { s.Id, s.Status, s.LastError }).ToListAsync(Ct);
        var ids = workload.WebhookIds.ToList();
        var events = await db.WebhookEvents.Where(e => ids.Contains(e.WebhookId)).Select(e => new { e.WebhookId, e.Status, e.Attempts, e.Error })
            .ToListAsync(Ct);
        var payments = await db.Payments.Where(p => companies.Contains(p.CompanyId)).AsNoTracking().ToListAsync(Ct);
        var conversions = await db.Conversions.Where(c => companies.Contains(c.CompanyId)).Select(c => c.WhopPaymentId).ToListAsync(Ct);
        return new ReplicaOutcome(deliveries, requests, sends.ToDictionary(s => s.Id, s => (s.Status, s.LastError)),
            [.. events.Select(e => (e.WebhookId, e.Status, e.Attempts, e.Error))], payments, conversions.Count, conversions.Distinct().Count());
    }

    private static long SendIdOf(string? idempotencyKey) =>
        idempotencyKey is { } key && key.StartsWith("ra-send-", StringComparison.Ordinal) ? long.Parse(key["ra-send-".Length..]) : -1;

    public int Count(SendStatus status) => Sends.Values.Count(s => s.Status == status);

    /// Sends Whop was asked for more than once.
    public IReadOnlyList<string> DeliveredTwice => [.. DeliveriesBySend.Where(d => d.Value > 1).Select(d => $"send {d.Key} ×{d.Value}")];

    /// Sends recorded `sent` that Whop never got.
    public IReadOnlyList<long> SentButNotDelivered => [.. Sends.Where(s => s.Value.Status == SendStatus.Sent && !DeliveriesBySend.ContainsKey(s.Key)).Select(s => s.Key)];

    /// Sends Whop got that are neither `sent` nor `unknown`: a delivery we lost track of.
    public IReadOnlyList<string> DeliveredButNotRecorded => [.. DeliveriesBySend.Where(d => !Sends.TryGetValue(d.Key, out var s)
        || s.Status is not (SendStatus.Sent or SendStatus.Unknown)).Select(d => $"send {d.Key} is {(Sends.TryGetValue(d.Key, out var s) ? s.Status : "not ours")}")];

    /// Sends Whop got that we marked `unknown`: in flight when their process died.
    public int UnknownButDelivered => Sends.Count(s => s.Value.Status == SendStatus.Unknown && DeliveriesBySend.ContainsKey(s.Key));

    public IReadOnlyList<string> EventsNotProcessedOnce => [.. Events.Where(e => e.Status != WebhookEventStatus.Processed || e.Attempts != 1)
        .Select(e => $"{e.WebhookId}: {e.Status} after {e.Attempts} attempts ({e.Error})")];

    /// Per payer: its three payments, each once, all paid, the renewal recovered after its failure.
    public IReadOnlyList<string> PaymentProblems(ReplicaWorkload workload)
    {
        var byId = Payments.ToDictionary(p => p.Id);
        var problems = new List<string>();
        foreach (var payer in workload.Payers)
        {
            foreach (var id in payer.PaymentIds)
            {
                if (!byId.TryGetValue(id, out var payment)) problems.Add($"{id} missing");
                else if (payment.Status != PaymentStatuses.Paid || payment.TotalCents != ReplicaWorkload.PriceCents)
                    problems.Add($"{id} is {payment.Status} for {payment.TotalCents}");
            }
            if (byId.TryGetValue(payer.PaymentIds[1], out var renewal) && renewal.FailedAt is null) problems.Add($"{renewal.Id} lost its failure");
        }
        var extra = Payments.Count - workload.Payers.Sum(p => p.PaymentIds.Count);
        if (extra != 0) problems.Add($"{extra} payments more than sent");
        return problems;
    }

    public string Summary(ReplicaWorkload workload) =>
        $"sends {Sends.Count}: sent {Count(SendStatus.Sent)}, unknown {Count(SendStatus.Unknown)} (of which Whop got {UnknownButDelivered}), " +
        $"scheduled {Count(SendStatus.Scheduled)}, sending {Count(SendStatus.Sending)}, failed {Count(SendStatus.Failed)}, canceled {Count(SendStatus.Canceled)}; " +
        $"Whop deliveries {DeliveriesBySend.Values.Sum()} for {DeliveriesBySend.Count} sends ({NotificationRequests} notification requests); " +
        $"webhooks {workload.WebhookCount} posted ({workload.Redelivered} redelivered), {Events.Count} stored, " +
        $"{Events.Count(e => e.Status == WebhookEventStatus.Processed)} processed; payments {Payments.Count} " +
        $"(revenue {Payments.Where(p => p.Status == PaymentStatuses.Paid).Sum(p => p.TotalCents)} cents), conversions {Conversions} for {DistinctConvertedPayments} payments" +
        string.Concat(Sends.Where(s => s.Value.Status is SendStatus.Failed or SendStatus.Canceled).Take(5)
            .Select(s => $"; send {s.Key} {s.Value.Status}: {s.Value.Error}"));
}
