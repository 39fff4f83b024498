using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

public enum WebhookReceipt { Stored, Duplicate, Rejected }

/// The only work done while Whop waits: verify the signature, store the raw delivery once per `webhook-id`,
/// answer. A signed body we cannot use (not JSON, the legacy v5 envelope) is stored as failed or ignored with
/// the reason, so it is visible rather than retried by Whop forever.
public sealed partial class WebhookInbox(IDbContextFactory<RevenueAngelDbContext> contexts, IOptions<WhopOptions> whop,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookInbox> logger)
{
    public async Task<(WebhookReceipt Receipt, string? Problem)> AcceptAsync(string? id, string? timestamp, string? signature,
        byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (WebhookSignature.Verify(whop.Value.WebhookSecrets, id, timestamp, signature, body, now, options.Value.ToleranceSeconds) is { } problem)
        {
            LogRejected(problem, id);
            return (WebhookReceipt.Rejected, problem);
        }

        var payload = Encoding.UTF8.GetString(body);
        var envelope = WebhookEnvelope.Read(payload);
        await using (var lookup = await contexts.CreateDbContextAsync(ct))
            if (await lookup.WebhookEvents.AnyAsync(e => e.WebhookId == id, ct)) return (WebhookReceipt.Duplicate, null);
        var row = new WebhookEvent
        {
            WebhookId = id!, CompanyId = envelope.CompanyId, EventType = envelope.Type ?? "unknown", Payload = payload,
            Headers = JsonSerializer.Serialize(headers), ReceivedAt = now, OccurredAt = envelope.Timestamp,
            Status = envelope.Problem is null ? WebhookEventStatus.Received : envelope.IsLegacy ? WebhookEventStatus.Ignored : WebhookEventStatus.Failed,
            Error = envelope.Problem, ProcessedAt = envelope.Problem is null ? null : now,
            NextAttemptAt = envelope.Problem is null ? now : null,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.WebhookEvents.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return (WebhookReceipt.Stored, null);
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same id won the unique index; anything else is a real failure.
            await using var check = await contexts.CreateDbContextAsync(ct);
            if (await check.WebhookEvents.AnyAsync(e => e.WebhookId == id, ct)) return (WebhookReceipt.Duplicate, null);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rejected a webhook delivery ({WebhookId}): {Problem}")]
    private partial void LogRejected(string problem, string? webhookId);
}
