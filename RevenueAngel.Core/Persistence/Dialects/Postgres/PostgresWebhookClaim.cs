using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Persistence.Dialects;

/// Rows held with `FOR UPDATE SKIP LOCKED`, so workers and replicas take different events. Claiming and locking
/// the claimed members happen under one session-level advisory lock (the gate), held by one transaction at a time
/// across every process: a batch that claims a member's next event then waits for the batch holding an earlier one,
/// so each member's events still apply in Whop's order. The gate is released before the batch is applied.
internal sealed class PostgresWebhookClaim : IWebhookClaimSql
{
    public static readonly PostgresWebhookClaim Instance = new();

    private static readonly long Gate = PostgresDialect.LockKey("webhook-claim");

    public int Workers(int configured) => configured;

    public async Task<List<WebhookEvent>> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, int batchSize,
        Func<WebhookEvent, string?> memberKey, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [Gate], ct);
        try
        {
            // Not composed further: the locking clause must stay on the outermost SELECT.
            var batch = await db.WebhookEvents.FromSqlRaw("""
                SELECT * FROM webhook_events
                WHERE status IN ({0}, {1}) AND next_attempt_at <= {2}
                ORDER BY occurred_at NULLS LAST, id
                LIMIT {3}
                FOR UPDATE SKIP LOCKED
                """, WebhookClaimSql.Received, WebhookClaimSql.Failed, now, batchSize).AsNoTracking().ToListAsync(ct);
            // Taken in one global order, so two transactions never wait on each other in a circle; hashed here, so no
            // payload text reaches the SQL. The gate is released in the same round trip.
            var keys = batch.Select(memberKey).OfType<string>().Select(k => PostgresDialect.LockKey($"webhook-member:{k}")).Distinct().Order().ToArray();
            await db.Database.ExecuteSqlRawAsync("""
                SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest({0}::bigint[]) AS k ORDER BY k) AS members;
                SELECT pg_advisory_unlock({1})
                """, [keys, Gate], ct);
            return batch;
        }
        catch (Exception)
        {
            await ReleaseGateAsync(db);
            throw;
        }
    }

    // A session lock outlives the transaction, and a pooled connection is only reset when next used: it must be
    // released here. An aborted transaction refuses the unlock, so it is rolled back first (its claim is lost anyway).
    private static async Task ReleaseGateAsync(RevenueAngelDbContext db)
    {
        try
        {
            if (db.Database.CurrentTransaction is { } transaction) await transaction.RollbackAsync(CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [Gate], CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection is gone: the server released the gate with the session.
        }
    }
}
