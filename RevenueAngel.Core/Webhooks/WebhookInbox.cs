using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Telemetry;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

public enum WebhookReceipt { Stored, Duplicate, Rejected }

/// The only work done while Whop waits: verify the signature, store the raw delivery once per `webhook-id`,
/// answer. Every signed body is stored, whatever it holds: one we cannot use (not JSON, the legacy v5 envelope, an
/// event type or company id too long for its column) is stored as failed or ignored with the reason, so it is
/// visible rather than retried by Whop forever; bytes PostgreSQL text cannot hold are kept in base64.
public sealed partial class WebhookInbox(RepeatingWorkContexts contexts, IOptions<WhopOptions> whop,
    IOptions<WebhookOptions> options, TimeProvider time, RevenueAngelMetrics metrics, ILogger<WebhookInbox> logger)
{
    public async Task<(WebhookReceipt Receipt, string? Problem)> AcceptAsync(string? id, string? timestamp, string? signature,
        byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (WebhookSignature.Verify(whop.Value.WebhookSecrets, id, timestamp, signature, body, now, options.Value.ToleranceSeconds) is { } problem)
        {
            LogRejected(problem, id);
            metrics.WebhookReceived(WebhookReceipt.Rejected);
            return (WebhookReceipt.Rejected, problem);
        }

        var webhookId = StoredWebhookId(id!);
        var (payload, bodyProblem) = StoredPayload(body);
        var envelope = bodyProblem is null ? WebhookEnvelope.Read(payload) : new WebhookEnvelope(null, null, null, bodyProblem, false);
        var type = StoredText.Fit(envelope.Type ?? "unknown", TypeLength, out var typeChanged);
        var companyId = envelope.CompanyId is { } c && StoredText.IsUsableId(c) ? c : null;
        var reason = envelope.Problem
            ?? (typeChanged ? $"The event type is over {TypeLength} characters or holds characters that cannot be stored; kept cleaned and cut." : null)
            ?? (companyId is null && envelope.CompanyId is not null ? "The company_id is over 64 characters or holds characters that cannot be stored." : null);
        var row = new WebhookEvent
        {
            WebhookId = webhookId, CompanyId = companyId, EventType = type, Payload = payload,
            Headers = JsonSerializer.Serialize(headers), ReceivedAt = now, OccurredAt = envelope.Timestamp,
            // A body we cannot read at all failed; a readable one we will not act on (legacy, odd type or company) is ignored.
            Status = reason is null ? WebhookEventStatus.Received
                : envelope.IsLegacy || (envelope.Problem is null && envelope.Type is not null) ? WebhookEventStatus.Ignored : WebhookEventStatus.Failed,
            Error = reason is null ? null : StoredText.Fit(reason, 4000), ProcessedAt = reason is null ? null : now,
            NextAttemptAt = reason is null ? now : null,
        };
        // One statement while Whop waits: a redelivery (or a concurrent delivery of the same id) inserts nothing.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var receipt = await WebhookInsert.TryInsertAsync(db, row, ct) ? WebhookReceipt.Stored : WebhookReceipt.Duplicate;
        metrics.WebhookReceived(receipt);
        return (receipt, null);
    }

    private const int TypeLength = 100;
    private const int WebhookIdLength = 128;
    private const string Base64Prefix = "base64:";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// An id longer than the column (or unstorable) is kept as its hash: redeliveries still match it, nothing is cut.
    private static string StoredWebhookId(string id) =>
        id.Length <= WebhookIdLength && StoredText.IsClean(id) ? id : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))}";

    /// The body as text when it is UTF-8 without NUL (any JSON is); otherwise its exact bytes in base64, with the reason.
    private static (string Payload, string? Problem) StoredPayload(byte[] body)
    {
        try
        {
            var text = StrictUtf8.GetString(body);
            if (!text.Contains('\0', StringComparison.Ordinal)) return (text, null);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: stored as base64 below.
        }
        return (Base64Prefix + Convert.ToBase64String(body),
            "The body is not UTF-8 text without NUL bytes, so it cannot be JSON; stored base64-encoded after \"base64:\".");
    }

    [LoggerMessage(LogLevel.Warning, "Rejected a webhook delivery ({WebhookId}): {Problem}")]
    private partial void LogRejected(string problem, string? webhookId);
}
