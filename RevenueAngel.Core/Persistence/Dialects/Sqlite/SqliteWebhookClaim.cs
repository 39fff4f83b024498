using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Persistence.Dialects;

/// SQLite has one writer at a time and no row locks: the claim first takes the write lock (a write that changes
/// nothing), so a second transaction claims only once the first has committed, and never the same events.
internal sealed class SqliteWebhookClaim : IWebhookClaimSql
{
    public static readonly SqliteWebhookClaim Instance = new();

    // A second worker would only wait for the write lock.
    public int Workers(int configured) => 1;

    public async Task<List<WebhookEvent>> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, int batchSize,
        Func<WebhookEvent, string?> memberKey, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("UPDATE webhook_events SET status = status WHERE 0", ct);
        var batch = await db.WebhookEvents.AsNoTracking()
            .Where(e => (e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed) && e.NextAttemptAt <= now)
            .OrderBy(e => e.OccurredAt == null).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(batchSize).ToListAsync(ct);
        return batch;
    }
}
