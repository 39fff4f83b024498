using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

public sealed record WebhookFilter(string? Type = null, WebhookEventStatus? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Search = null, int Take = 50);

public sealed record WebhookEventRow(long Id, string WebhookId, string EventType, WebhookEventStatus Status, int Attempts, string? Error,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt);

public sealed record WebhookEventDetail(WebhookEventRow Event, string Payload, bool PayloadPruned);

/// A company's webhook events as the Activity page and API show them, and the replay and dismiss actions. Every
/// query is scoped to the company.
public sealed class WebhookActivity(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<WebhookEventRow>> ListAsync(string companyId, WebhookFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.WebhookEvents.AsNoTracking().Where(e => e.CompanyId == companyId);
        if (!string.IsNullOrWhiteSpace(filter.Type)) query = query.Where(e => e.EventType == filter.Type);
        if (filter.Status is { } status) query = query.Where(e => e.Status == status);
        if (filter.From is { } from) query = query.Where(e => e.ReceivedAt >= from);
        if (filter.To is { } to) query = query.Where(e => e.ReceivedAt < to);
        // Member, membership and payment ids appear verbatim in the payload.
        if (filter.Search?.Trim() is { Length: > 2 } search) query = query.Where(e => e.Payload.Contains(search) || e.WebhookId == search);
        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(filter.Take, 1, 500))
            .Select(e => new WebhookEventRow(e.Id, e.WebhookId, e.EventType, e.Status, e.Attempts, e.Error, e.ReceivedAt, e.ProcessedAt, e.NextAttemptAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<WebhookEventStatus, int>> CountsAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.WebhookEvents.Where(e => e.CompanyId == companyId).GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<WebhookEventStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public async Task<IReadOnlyList<string>> TypesAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WebhookEvents.Where(e => e.CompanyId == companyId).Select(e => e.EventType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    public async Task<WebhookEventDetail?> GetAsync(string companyId, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var e = await db.WebhookEvents.AsNoTracking().SingleOrDefaultAsync(x => x.CompanyId == companyId && x.Id == id, ct);
        return e is null ? null : new WebhookEventDetail(
            new WebhookEventRow(e.Id, e.WebhookId, e.EventType, e.Status, e.Attempts, e.Error, e.ReceivedAt, e.ProcessedAt, e.NextAttemptAt),
            e.Payload, e.PayloadPrunedAt is not null);
    }

    /// Queues the event to be applied again (safe: every handler is idempotent). False when unknown, or when its
    /// payload was pruned or was never a usable v1 event.
    public async Task<bool> ReplayAsync(CompanyScope company, long id, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var replayable = await db.WebhookEvents.Where(e => e.CompanyId == companyId && e.Id == id && e.PayloadPrunedAt == null)
            .Select(e => e.Payload).SingleOrDefaultAsync(ct);
        if (replayable is null || WebhookEnvelope.Read(replayable).Problem is not null) return false;
        return await db.WebhookEvents.Where(e => e.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, WebhookEventStatus.Received)
            .SetProperty(e => e.Attempts, 0)
            .SetProperty(e => e.Error, (string?)null)
            .SetProperty(e => e.NextAttemptAt, time.GetUtcNow()), ct) == 1;
    }
}
