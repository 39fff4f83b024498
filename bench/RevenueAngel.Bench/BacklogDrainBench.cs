using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Bench;

/// A backlog of stored webhook events (what piles up while the processor is down) drained by the real WebhookProcessor
/// with its default batches and workers, against a baseline in the same run on the same rows: a bare `SKIP LOCKED`
/// claim-and-mark loop at the same batch size and concurrency, which applies nothing. The mix is what a community's
/// payment stream looks like: renewals, first purchases, failures, pending and created payments, refunds and
/// membership changes, spread over the bench company's members (each member's events apply in order under its lock).
public static class BacklogDrainBench
{
    public static async Task RunAsync(IServiceProvider services, string connectionString, string companyId, int members, int events)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
        await StoreBacklogAsync(connectionString, companyId, members, events, "baseline");
        // The connection settings of the processor's own (statements prepared), so the two differ only in what they do.
        var baseline = await TimeAsync(() => BareClaimLoopAsync(ProviderOptionsExtensions.WithRepeatedStatementsPrepared(connectionString), options.BatchSize, options.Workers));
        if (baseline.Done != events) throw new InvalidOperationException($"the baseline marked {baseline.Done} of {events}");
        await ExecuteAsync(connectionString, "DELETE FROM webhook_events; VACUUM ANALYZE webhook_events");

        await StoreBacklogAsync(connectionString, companyId, members, events, "msg");
        var memory = Process.GetCurrentProcess();
        var drain = await TimeAsync(() => services.GetRequiredService<WebhookProcessor>().RunAsync(events + 1));
        memory.Refresh();
        var outcomes = await OutcomesAsync(connectionString);
        if (drain.Done != events || outcomes.GetValueOrDefault("processed") != events)
            throw new InvalidOperationException($"drained {drain.Done} of {events}: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");

        Console.WriteLine($"baseline: bare SKIP LOCKED claim+mark loop ({options.Workers} workers × {options.BatchSize})  {baseline.Ms,8:N0} ms  ({events / (baseline.Ms / 1000):N0} events/s)");
        Console.WriteLine($"backlog drain of {events:N0} events (WebhookProcessor)     {drain.Ms,8:N0} ms  ({events / (drain.Ms / 1000):N0} events/s)  = {baseline.Ms / drain.Ms:N3} × baseline rate; peak working set {memory.PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }

    /// Event i is about member i % members; each member goes through every kind of event, one per round.
    private static async Task StoreBacklogAsync(string connectionString, string companyId, int members, int events, string prefix)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY webhook_events (webhook_id, company_id, event_type, payload, status, attempts, received_at, occurred_at, next_attempt_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < events; i++)
        {
            var at = start.AddMilliseconds(i * 10);
            var (type, data) = Event(companyId, i, members, at);
            var id = $"{prefix}_drain_{i}";
            var body = JsonSerializer.Serialize(new { id, api_version = "v1", type, timestamp = at.ToString("O", CultureInfo.InvariantCulture), company_id = companyId, data });
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Varchar);
            await writer.WriteAsync(companyId, NpgsqlDbType.Varchar);
            await writer.WriteAsync(type, NpgsqlDbType.Varchar);
            await writer.WriteAsync(body, NpgsqlDbType.Text);
            await writer.WriteAsync("received", NpgsqlDbType.Varchar);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
        await writer.DisposeAsync();
        await ExecuteAsync(connectionString, "ANALYZE webhook_events");
    }

    private static (string Type, object Data) Event(string companyId, int i, int members, DateTimeOffset at)
    {
        var member = i % members;
        var round = i / members;
        var user = new { id = $"user_{member}" };
        var membership = new { id = $"mem_drain_{member}", status = "active" };
        var plan = new { id = (member % 3 == 0 ? "pro_" : "basic_") + companyId };
        var price = member % 3 == 0 ? 49.0m : 19.0m;
        object Payment(string status, string substatus, string reason, int failed = 0) => new
        {
            id = $"pay_drain_{member}_{round}", status, substatus, billing_reason = reason, currency = "usd", total = price,
            payments_failed = failed, created_at = at, updated_at = at, paid_at = status == "paid" ? at : (DateTimeOffset?)null,
            user, membership = new { membership.id, status = status == "paid" ? "active" : failed > 0 ? "past_due" : "active" },
            plan, company = new { id = companyId },
        };
        return ((round + member) % 10) switch
        {
            0 or 1 or 2 => ("payment.succeeded", Payment("paid", "succeeded", round == 0 ? "subscription_create" : "subscription_cycle")),
            3 or 4 => ("payment.created", Payment("open", "pending", "subscription_cycle")),
            5 => ("payment.pending", Payment("pending", "pending", "subscription_cycle")),
            6 => ("payment.failed", Payment("open", "past_due", "subscription_cycle", failed: 1)),
            7 => ("refund.created", new
            {
                id = $"rf_drain_{i}", status = "succeeded", amount = price, currency = "usd", payment = new { id = $"pay_drain_{member}_{round}" },
                created_at = at, updated_at = at,
            }),
            _ => ("membership.activated", new
            {
                membership.id, status = "active", cancel_at_period_end = i % 20 == 9, created_at = at.AddDays(-30), updated_at = at,
                user, plan, company = new { id = companyId }, member = new { id = $"mber_{member}" },
            }),
        };
    }

    /// The queue machinery alone: claim a batch under SKIP LOCKED in Whop's order, mark it processed, commit.
    private static async Task<int> BareClaimLoopAsync(string connectionString, int batchSize, int workers)
    {
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            while (true)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var command = new NpgsqlCommand("""
                    WITH claimed AS (
                        SELECT id FROM webhook_events
                        WHERE status IN ('received', 'failed') AND next_attempt_at <= now()
                        ORDER BY occurred_at NULLS LAST, id LIMIT @batch FOR UPDATE SKIP LOCKED)
                    UPDATE webhook_events e SET status = 'processed', attempts = attempts + 1, processed_at = now(), next_attempt_at = NULL
                    FROM claimed WHERE e.id = claimed.id
                    """, connection, transaction);
                command.Parameters.AddWithValue("batch", batchSize);
                var marked = await command.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                if (marked == 0) return;
                Interlocked.Add(ref done, marked);
            }
        }));
        return done;
    }

    private static async Task<Dictionary<string, int>> OutcomesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, count(*)::int FROM webhook_events GROUP BY status", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var outcomes = new Dictionary<string, int>();
        while (await reader.ReadAsync()) outcomes[reader.GetString(0)] = reader.GetInt32(1);
        return outcomes;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(double Ms, int Done)> TimeAsync(Func<Task<int>> action)
    {
        var watch = Stopwatch.StartNew();
        var done = await action();
        return (watch.Elapsed.TotalMilliseconds, done);
    }
}
