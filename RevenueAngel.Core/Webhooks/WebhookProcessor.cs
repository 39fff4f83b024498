using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Applies stored events in Whop's order (the envelope's timestamp, then arrival), each in its own transaction that holds the event's row (`FOR UPDATE SKIP LOCKED` on
/// PostgreSQL, so replicas take different events). A failure rolls the event's changes back and schedules a
/// retry with exponential backoff; after WebhookOptions.MaxAttempts it is `dead`, kept for a replay.
public sealed partial class WebhookProcessor(IDbContextFactory<RevenueAngelDbContext> contexts, WebhookHandlers handlers,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookProcessor> logger)
{
    public async Task<int> RunAsync(int limit = 1000, CancellationToken ct = default)
    {
        var done = 0;
        while (done < limit && await ProcessNextAsync(ct)) done++;
        return done;
    }

    private async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        long id;
        string? failure = null;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var row = await ClaimAsync(db, now, ct);
            if (row is null) return false;
            id = row.Id;
            try
            {
                var (status, note) = await handlers.ApplyAsync(db, row, ct);
                db.ChangeTracker.Clear();
                await db.WebhookEvents.Where(e => e.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.Status, status)
                    .SetProperty(e => e.Error, note)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                    .SetProperty(e => e.ProcessedAt, now)
                    .SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                failure = $"{e.GetType().Name}: {e.Message}";
            }
        }
        await RecordFailureAsync(id, failure, now, ct);
        return true;
    }

    private static async Task<WebhookEvent?> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var received = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Received);
        var failed = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Failed);
        if (db.Database.IsNpgsql())
        {
            // Not composed further: the locking clause must stay on the outermost SELECT.
            return (await db.WebhookEvents.FromSqlRaw("""
                SELECT * FROM webhook_events
                WHERE status IN ({0}, {1}) AND next_attempt_at <= {2}
                ORDER BY occurred_at NULLS LAST, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """, received, failed, now).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
        }
        return await db.WebhookEvents.AsNoTracking()
            .Where(e => (e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed) && e.NextAttemptAt <= now)
            .OrderBy(e => e.OccurredAt == null).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).FirstOrDefaultAsync(ct);
    }

    private async Task RecordFailureAsync(long id, string? error, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.WebhookEvents.SingleAsync(e => e.Id == id, ct);
        row.Attempts++;
        row.Error = error is { Length: > 4000 } ? error[..4000] : error;
        if (row.Attempts >= options.Value.MaxAttempts)
        {
            row.Status = WebhookEventStatus.Dead;
            row.NextAttemptAt = null;
            LogDead(row.WebhookId, row.EventType, row.Attempts, error);
        }
        else
        {
            row.Status = WebhookEventStatus.Failed;
            row.NextAttemptAt = now.AddSeconds(Math.Min(3600, options.Value.RetryBaseSeconds * Math.Pow(2, row.Attempts - 1)));
        }
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Error, "Webhook {WebhookId} ({EventType}) is dead after {Attempts} attempts: {Error}")]
    private partial void LogDead(string webhookId, string eventType, int attempts, string? error);
}
