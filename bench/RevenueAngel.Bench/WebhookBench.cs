using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Bench;

/// Webhook ingest (verify + store once per id) and backlog drain (the processor with its default batches and workers), each
/// against a baseline in the same run: inserting the same rows with no verification, no duplicate check and no
/// handler.
public static class WebhookBench
{
    private const string Secret = "ws_bench";

    public static async Task RunAsync(IServiceProvider services, string companyId, int events)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>();
        var inbox = services.GetRequiredService<WebhookInbox>();
        var deliveries = Enumerable.Range(0, events).Select(i => Delivery(companyId, i)).ToList();

        var baseline = await TimeAsync(() => Parallel.ForEachAsync(deliveries.Select((d, i) => (d, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (x, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.WebhookEvents.Add(new WebhookEvent
            {
                WebhookId = $"baseline_{x.i}", CompanyId = companyId, EventType = "payment.created", Payload = x.d.Body,
                Status = WebhookEventStatus.Ignored, ReceivedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(ct);
        }));
        var ingest = await TimeAsync(() => Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (d, ct) =>
        {
            var (receipt, problem) = await inbox.AcceptAsync(d.Id, d.Timestamp, d.Signature, Encoding.UTF8.GetBytes(d.Body), new Dictionary<string, string>(), ct);
            if (receipt != WebhookReceipt.Stored) throw new InvalidOperationException($"{receipt}: {problem}");
        }));
        var drain = await TimeAsync(async () =>
        {
            var applied = await services.GetRequiredService<WebhookProcessor>().RunAsync(events);
            if (applied != events) throw new InvalidOperationException($"applied {applied} of {events}");
        });

        Console.WriteLine($"baseline: insert {events:N0} raw rows      {baseline,8:N0} ms  ({events / (baseline / 1000):N0}/s)");
        Console.WriteLine($"webhook ingest (verify+store)     {ingest,8:N0} ms  ({events / (ingest / 1000):N0}/s)  = {ingest / baseline:N1} × baseline");
        Console.WriteLine($"backlog drain (payment.created)   {drain,8:N0} ms  ({events / (drain / 1000):N0}/s)  = {drain / baseline:N1} × baseline");
    }

    private sealed record Signed(string Id, string Timestamp, string Signature, string Body);

    private static Signed Delivery(string companyId, int i)
    {
        var id = $"msg_bench_{i}";
        var now = DateTimeOffset.UtcNow;
        var body = JsonSerializer.Serialize(new
        {
            id, api_version = "v1", type = "payment.created", timestamp = now.ToString("O", CultureInfo.InvariantCulture), company_id = companyId,
            data = new
            {
                id = $"pay_bench_{i}", status = "open", substatus = "pending", billing_reason = "subscription_cycle", currency = "usd", total = 19.0m,
                created_at = now, updated_at = now, user = new { id = $"user_{i % 1000}" }, membership = new { id = $"mem_bench_{i % 1000}" },
                plan = new { id = $"basic_{companyId}" },
            },
        });
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Signed(id, timestamp, WebhookSignature.Sign(Secret, id, timestamp, Encoding.UTF8.GetBytes(body)), body);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
