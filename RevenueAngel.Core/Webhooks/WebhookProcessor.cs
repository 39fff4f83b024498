using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Telemetry;

namespace RevenueAngel.Core.Webhooks;

/// Applies stored events in Whop's order (the envelope's timestamp, then arrival). A batch of events is claimed
/// in one transaction that holds their rows and their members (IWebhookClaimSql: `FOR UPDATE SKIP LOCKED` and
/// advisory locks on PostgreSQL, so workers and replicas share the work and never apply one member's events at once)
/// and applied with one commit. When an event fails, the batch is applied again with a savepoint per
/// event, so the failure rolls back that event's changes only and schedules its retry with exponential backoff;
/// after WebhookOptions.MaxAttempts it is `dead`, kept for a replay. Nothing read from a payload can stop the
/// loop: subjects and locks never throw on content, every handler runs inside the per-event boundary, and when an
/// event breaks the transaction itself it is marked failed on its own. Whop is never called inside a transaction:
/// plans the batch names and we lack are fetched (WebhookPlans) before it is applied.
public sealed partial class WebhookProcessor(RepeatingWorkContexts contexts, WebhookHandlers handlers, WebhookPlans plans,
    IOptions<WebhookOptions> options, TimeProvider time, RevenueAngelMetrics metrics, ILogger<WebhookProcessor> logger)
{
    private const int MaxPasses = 6;

    /// Runs WebhookOptions.Workers workers (one on SQLite, which has one writer at a time) until the queue is empty or
    /// <paramref name="limit"/> events are done. Never throws but for cancellation: a database that fails is
    /// logged, and the next sweep tries again.
    public async Task<int> RunAsync(int limit = 100_000, CancellationToken ct = default)
    {
        var run = new Run();
        int workers;
        try
        {
            await using var probe = await contexts.CreateDbContextAsync(ct);
            workers = probe.Dialect.WebhookClaim.Workers(options.Value.Workers);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogSweepFailed(e);
            return 0;
        }
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Volatile.Read(ref done) < limit)
            {
                int applied;
                try
                {
                    applied = await ProcessBatchAsync(run, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogSweepFailed(e);
                    return;
                }
                if (applied == 0) return;
                Interlocked.Add(ref done, applied);
            }
        }));
        return done;
    }

    /// What the workers of one run share: the plans Whop did not give (asked once a run).
    private sealed class Run
    {
        public ConcurrentDictionary<string, string> PlanProblems { get; } = new();
    }

    private enum PassResult { Done, FetchPlans, Failed }

    /// The whole batch in one transaction; when one of its events fails, the batch is rolled back and applied again
    /// one savepoint per event, so only the failing event loses its changes. When the batch names plans we lack,
    /// its transaction is rolled back, they are fetched from Whop, and the batch is claimed again.
    private async Task<int> ProcessBatchAsync(Run run, CancellationToken ct)
    {
        var oneByOne = false;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var (result, count, missing) = oneByOne ? await OneByOneAsync(run, ct) : await AllAtOnceAsync(run, ct);
            switch (result)
            {
                case PassResult.Done:
                    return count;
                case PassResult.FetchPlans:
                    await plans.FetchAsync(missing, run.PlanProblems, ct);
                    break;
                default:
                    oneByOne = true;
                    break;
            }
        }
        return 0;
    }

    private async Task<(PassResult, int, IReadOnlyList<(string, string)>)> AllAtOnceAsync(Run run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A failure rolls the whole batch back: EF's savepoint around each SaveChanges would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (batch, subjects) = await ClaimAndLockAsync(db, now, ct);
        if (batch.Count == 0) return (PassResult.Done, 0, []);
        try
        {
            var memory = new WebhookBatchMemory(run.PlanProblems);
            await memory.ReadAheadAsync(db, subjects, ct);
            if (memory.PlansToFetch.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return (PassResult.FetchPlans, 0, memory.PlansToFetch);
            }
            var outcomes = new List<(long Id, WebhookEventStatus Status, string? Note)>();
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
            foreach (var outcome in outcomes.GroupBy(o => o.Status)) metrics.WebhookApplied(outcome.Key, outcome.Count());
            return (PassResult.Done, batch.Count, []);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogBatchFailed(batch.Count, e.GetType().Name, e.Message);
            await RollBackQuietlyAsync(transaction);
            return (PassResult.Failed, 0, []);
        }
    }

    private async Task<(PassResult, int, IReadOnlyList<(string, string)>)> OneByOneAsync(Run run, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        WebhookEvent? culprit = null;
        Exception? failure = null;
        var applied = new List<WebhookEventStatus>();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // Each event has a savepoint of ours; EF's own one around every SaveChanges would double the round trips.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The oldest due events again: the same batch, unless another worker has taken some of it since the rollback.
            var (batch, subjects) = await ClaimAndLockAsync(db, now, ct);
            // Only what holds across savepoints is shared: companies and plans (no handler writes them).
            var shared = new WebhookBatchMemory(run.PlanProblems);
            await shared.ReadAheadAsync(db, subjects, ct);
            if (shared.PlansToFetch.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return (PassResult.FetchPlans, 0, shared.PlansToFetch);
            }
            foreach (var row in batch)
            {
                await transaction.CreateSavepointAsync("event", ct);
                try
                {
                    var (status, note) = await handlers.ApplyAsync(db, row, new WebhookBatchMemory(run.PlanProblems, shared.KnownPlans), ct);
                    db.ChangeTracker.Clear();
                    await RecordOutcomeAsync(db, [row.Id], status, note, now, ct);
                    await transaction.ReleaseSavepointAsync("event", ct);
                    applied.Add(status);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    if (await TryRecordInPlaceAsync(db, transaction, row, e, now, ct) is { } recorded)
                    {
                        applied.Add(recorded);
                        continue;
                    }
                    (culprit, failure) = (row, e);
                    break;
                }
            }
            if (culprit is null)
            {
                await transaction.CommitAsync(ct);
                foreach (var status in applied.GroupBy(s => s)) metrics.WebhookApplied(status.Key, status.Count());
                return (PassResult.Done, batch.Count, []);
            }
            await RollBackQuietlyAsync(transaction);
        }
        // The event broke the transaction itself (a lost connection, a value the driver would not send): this pass
        // is lost, but that event is marked on its own, so the next pass gets past it.
        LogTransactionLost(failure!, culprit.WebhookId);
        await using (var alone = await contexts.CreateDbContextAsync(ct))
            metrics.WebhookApplied(await RecordFailureAsync(alone, culprit, failure!, now, ct));
        return (PassResult.Done, 1, []);
    }

    /// The status recorded, or null when the transaction could not take it.
    private async Task<WebhookEventStatus?> TryRecordInPlaceAsync(RevenueAngelDbContext db, IDbContextTransaction transaction, WebhookEvent row,
        Exception e, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await transaction.RollbackToSavepointAsync("event", CancellationToken.None);
            db.ChangeTracker.Clear();
            return await RecordFailureAsync(db, row, e, now, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task RollBackQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection is gone: the server has dropped the transaction and its locks already.
        }
    }

    private async Task<(List<WebhookEvent> Batch, List<EventSubjects> Subjects)> ClaimAndLockAsync(RevenueAngelDbContext db, DateTimeOffset now,
        CancellationToken ct)
    {
        // Each payload parsed once: the claim needs the member keys, the batch the rest.
        var subjects = new Dictionary<WebhookEvent, EventSubjects>(ReferenceEqualityComparer.Instance);
        EventSubjects SubjectsOf(WebhookEvent e) => subjects.TryGetValue(e, out var known) ? known : subjects[e] = EventSubjects.Of(e);
        var batch = await db.Dialect.WebhookClaim.ClaimAsync(db, now, options.Value.BatchSize, e => SubjectsOf(e).MemberKey, ct);
        return (batch, batch.Select(SubjectsOf).ToList());
    }

    private static Task RecordOutcomeAsync(RevenueAngelDbContext db, IReadOnlyList<long> ids, WebhookEventStatus status, string? note,
        DateTimeOffset now, CancellationToken ct)
    {
        var error = note is null ? null : StoredText.Fit(note, 4000);
        return db.WebhookEvents.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.Error, error)
            .SetProperty(e => e.Attempts, e => e.Attempts + 1)
            .SetProperty(e => e.ProcessedAt, now)
            .SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), ct);
    }

    private async Task<WebhookEventStatus> RecordFailureAsync(RevenueAngelDbContext db, WebhookEvent row, Exception failure, DateTimeOffset now,
        CancellationToken ct)
    {
        var settings = options.Value;
        var attempts = row.Attempts + 1;
        var unreadable = failure is WebhookPayloadException or System.Text.Json.JsonException;
        var dead = attempts >= (unreadable ? Math.Min(settings.MaxPayloadAttempts, settings.MaxAttempts) : settings.MaxAttempts);
        var error = StoredText.Fit($"{failure.GetType().Name}: {failure.Message}", 4000);
        if (dead) LogDead(row.WebhookId, row.EventType, attempts, error);
        var retryAt = dead ? (DateTimeOffset?)null : now + settings.RetryDelay(attempts);
        await db.WebhookEvents.Where(e => e.Id == row.Id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, dead ? WebhookEventStatus.Dead : WebhookEventStatus.Failed)
            .SetProperty(e => e.Error, error)
            .SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.NextAttemptAt, retryAt), ct);
        return dead ? WebhookEventStatus.Dead : WebhookEventStatus.Failed;
    }

    [LoggerMessage(LogLevel.Error, "Webhook {WebhookId} ({EventType}) is dead after {Attempts} attempts: {Error}")]
    private partial void LogDead(string webhookId, string eventType, int attempts, string? error);

    [LoggerMessage(LogLevel.Information, "A batch of {Count} webhook events failed ({Type}: {Message}); applying it event by event")]
    private partial void LogBatchFailed(int count, string type, string message);

    [LoggerMessage(LogLevel.Error, "Applying webhook events failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Webhook {WebhookId} broke its batch's transaction; marked failed on its own")]
    private partial void LogTransactionLost(Exception exception, string webhookId);
}
