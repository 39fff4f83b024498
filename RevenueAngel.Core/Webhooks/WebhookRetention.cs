using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Drops the raw payloads of events applied or ignored more than WebhookOptions.RetentionDays ago. Failed and
/// dead events keep theirs until replayed or dismissed; conversions and payments are never touched.
public sealed class WebhookRetention(IDbContextFactory<RevenueAngelDbContext> contexts, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var before = now.AddDays(-options.Value.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WebhookEvents
            .Where(e => (e.Status == WebhookEventStatus.Processed || e.Status == WebhookEventStatus.Ignored)
                        && e.ProcessedAt < before && e.PayloadPrunedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Payload, "").SetProperty(e => e.PayloadPrunedAt, now), ct);
    }
}
