using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Applies stored events in Whop's order (the envelope's timestamp, then arrival). A batch of events is claimed
/// in one transaction that holds their rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so replicas take different
/// events) and applied with one commit. When an event fails, the batch is applied again with a savepoint per
/// event, so the failure rolls back that event's changes only and schedules its retry with exponential backoff;
/// after WebhookOptions.MaxAttempts it is `dead`, kept for a replay.
public sealed partial class WebhookProcessor(IDbContextFactory<RevenueAngelDbContext> contexts, WebhookHandlers handlers,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookProcessor> logger)
{
    /// Runs WebhookOptions.Workers workers (one on SQLite, which has no row locks) until the queue is empty or
    /// <paramref name="limit"/> events are done.
    public async Task<int> RunAsync(int limit = 100_000, CancellationToken ct = default)
    {
        await using var probe = await contexts.CreateDbContextAsync(ct);
        var workers = probe.Database.IsNpgsql() ? options.Value.Workers : 1;
        using var claiming = new SemaphoreSlim(1);
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Volatile.Read(ref done) < limit)
            {
                var applied = await ProcessBatchAsync(claiming, ct);
                if (applied == 0) return;
                Interlocked.Add(ref done, applied);
            }
        }));
        return done;
    }

    /// The whole batch in one transaction; when one of its events fails, the batch is rolled back and applied again
    /// one savepoint per event, so only the failing event loses its changes.
    private async Task<int> ProcessBatchAsync(SemaphoreSlim claiming, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // A failure rolls the whole batch back: EF's savepoint around each SaveChanges would only cost round trips.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (batch, subjects) = await ClaimAndLockAsync(db, claiming, now, ct);
            if (batch.Count == 0) return 0;
            try
            {
                var outcomes = new List<(long Id, WebhookEventStatus Status, string? Note)>();
                var memory = new WebhookBatchMemory();
                await memory.ReadAheadAsync(db, subjects, ct);
                foreach (var row in batch)
                {
                    var (status, note) = await handlers.ApplyAsync(db, row, memory, ct);
                    db.ChangeTracker.Clear();
                    outcomes.Add((row.Id, status, note));
                }
                // Most events end `processed` without a note: one statement marks them all.
                foreach (var outcome in outcomes.GroupBy(o => (o.Status, o.Note)))
                    await RecordOutcomeAsync(db, [.. outcome.Select(o => o.Id)], outcome.Key.Status, outcome.Key.Note, now, ct);
                await transaction.CommitAsync(ct);
                return batch.Count;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        return await ProcessOneByOneAsync(claiming, now, ct);
    }

    private async Task<int> ProcessOneByOneAsync(SemaphoreSlim claiming, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Each event has a savepoint of ours; EF's own one around every SaveChanges would double the round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The oldest due events again: the same batch, unless another worker has taken some of it since the rollback.
        var (batch, _) = await ClaimAndLockAsync(db, claiming, now, ct);
        foreach (var row in batch)
        {
            await transaction.CreateSavepointAsync("event", ct);
            try
            {
                var (status, note) = await handlers.ApplyAsync(db, row, new WebhookBatchMemory(), ct);
                db.ChangeTracker.Clear();
                await RecordOutcomeAsync(db, [row.Id], status, note, now, ct);
                await transaction.ReleaseSavepointAsync("event", ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await transaction.RollbackToSavepointAsync("event", CancellationToken.None);
                db.ChangeTracker.Clear();
                await RecordFailureAsync(db, row, $"{e.GetType().Name}: {e.Message}", now, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    // Claiming and locking the claimed members happen one worker at a time: a later batch then waits for an
    // earlier one holding the same member, so one member's events still apply in Whop's order.
    private async Task<(List<WebhookEvent> Batch, List<EventSubjects> Subjects)> ClaimAndLockAsync(RevenueAngelDbContext db,
        SemaphoreSlim claiming, DateTimeOffset now, CancellationToken ct)
    {
        await claiming.WaitAsync(ct);
        try
        {
            var batch = await ClaimDueAsync(db, now, options.Value.BatchSize, ct);
            var subjects = batch.Select(EventSubjects.Of).ToList();
            await LockMembersAsync(db, subjects, ct);
            return (batch, subjects);
        }
        finally
        {
            claiming.Release();
        }
    }

    private static Task RecordOutcomeAsync(RevenueAngelDbContext db, IReadOnlyList<long> ids, WebhookEventStatus status, string? note,
        DateTimeOffset now, CancellationToken ct) =>
        db.WebhookEvents.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.Error, note)
            .SetProperty(e => e.Attempts, e => e.Attempts + 1)
            .SetProperty(e => e.ProcessedAt, now)
            .SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), ct);

    private static async Task<List<WebhookEvent>> ClaimDueAsync(RevenueAngelDbContext db, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var received = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Received);
        var failed = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Failed);
        if (db.Database.IsNpgsql())
        {
            // Not composed further: the locking clause must stay on the outermost SELECT.
            return await db.WebhookEvents.FromSqlRaw("""
                SELECT * FROM webhook_events
                WHERE status IN ({0}, {1}) AND next_attempt_at <= {2}
                ORDER BY occurred_at NULLS LAST, id
                LIMIT {3}
                FOR UPDATE SKIP LOCKED
                """, received, failed, now, batchSize).AsNoTracking().ToListAsync(ct);
        }
        return await db.WebhookEvents.AsNoTracking()
            .Where(e => (e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed) && e.NextAttemptAt <= now)
            .OrderBy(e => e.OccurredAt == null).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(batchSize).ToListAsync(ct);
    }

    // One member's events apply one at a time across workers and replicas (a payment's type depends on the ones
    // before it): transaction-scoped locks on the batch's members, all taken up front in one global order so two
    // workers never wait on each other in a circle.
    private static async Task LockMembersAsync(RevenueAngelDbContext db, IReadOnlyList<EventSubjects> subjects, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var keys = subjects.Select(e => e.MemberKey).OfType<string>().Distinct().ToArray();
        if (keys.Length == 0) return;
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest({0}::text[]) AS x ORDER BY 1) AS keys", [keys], ct);
    }

    private async Task RecordFailureAsync(RevenueAngelDbContext db, WebhookEvent row, string error, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = row.Attempts + 1;
        var dead = attempts >= options.Value.MaxAttempts;
        if (dead) LogDead(row.WebhookId, row.EventType, attempts, error);
        var retryAt = dead ? (DateTimeOffset?)null
            : now.AddSeconds(Math.Min(3600, options.Value.RetryBaseSeconds * Math.Pow(2, attempts - 1)));
        await db.WebhookEvents.Where(e => e.Id == row.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, dead ? WebhookEventStatus.Dead : WebhookEventStatus.Failed)
            .SetProperty(e => e.Error, error.Length > 4000 ? error[..4000] : error)
            .SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.NextAttemptAt, retryAt), ct);
    }

    [LoggerMessage(LogLevel.Error, "Webhook {WebhookId} ({EventType}) is dead after {Attempts} attempts: {Error}")]
    private partial void LogDead(string webhookId, string eventType, int attempts, string? error);
}
