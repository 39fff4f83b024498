namespace RevenueAngel.Core.Webhooks;

/// The event's payload cannot be read as the object its type names (a field of the wrong type, a missing or
/// unstorable id). Retrying cannot help, so the processor gives up on it sooner than on a failure that may pass.
public sealed class WebhookPayloadException(string message, Exception? inner = null) : Exception(message, inner);
