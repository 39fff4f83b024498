namespace RevenueAngel.Core.Webhooks;

public enum WebhookEventStatus
{
    Received,
    Processed,
    /// Stored but deliberately not applied (unknown type, legacy envelope).
    Ignored,
    /// Failed at least once; retried with backoff.
    Failed,
    /// Gave up after the configured attempts; replayable from the UI.
    Dead,
}
