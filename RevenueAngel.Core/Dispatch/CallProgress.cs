using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Dispatch;

/// How far one send got towards Whop, which decides what an error means for it.
internal sealed class CallProgress
{
    public CallStage Stage { get; set; } = CallStage.NotCalled;
    public DateTimeOffset SentAt { get; private set; }
    public string? ExternalId { get; private set; }
    public RenderedMessage? Message { get; private set; }

    public void Delivered(DateTimeOffset sentAt, string? externalId, RenderedMessage message)
    {
        (SentAt, ExternalId, Message) = (sentAt, externalId, message);
        Stage = CallStage.Delivered;
    }
}

internal enum CallStage
{
    /// Nothing has gone to Whop (or was refused inside this process: open circuit, full queue).
    NotCalled,
    /// A request is out: Whop may have the message.
    Calling,
    /// Whop answered with an error: it does not have the message.
    Refused,
    /// Whop accepted the message; it is not recorded yet.
    Delivered,
    /// Recorded as sent.
    Recorded,
}
