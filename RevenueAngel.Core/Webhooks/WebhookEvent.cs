namespace RevenueAngel.Core.Webhooks;

/// A verified Whop delivery stored verbatim before anything is applied: received → processed | ignored | failed → dead.
public sealed class WebhookEvent
{
    public long Id { get; init; }
    /// Whop's `webhook-id` header; redeliveries repeat it.
    public required string WebhookId { get; init; }
    public string? CompanyId { get; init; }
    public required string EventType { get; init; }
    /// The raw body; emptied by retention once processed or ignored long enough ago.
    public required string Payload { get; set; }
    public DateTimeOffset? PayloadPrunedAt { get; set; }
    /// The delivery's headers as JSON, signature headers excluded.
    public string? Headers { get; init; }
    public WebhookEventStatus Status { get; set; } = WebhookEventStatus.Received;
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// The envelope's `timestamp`: when Whop raised it.
    public DateTimeOffset? OccurredAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
