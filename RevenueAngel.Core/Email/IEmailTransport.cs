using MimeKit;

namespace RevenueAngel.Core.Email;

/// Where composed emails go: SMTP in production, the demo outbox in the demo.
public interface IEmailTransport
{
    /// Whether emails can be sent at all; false turns the channel off.
    bool IsConfigured { get; }

    /// What the Settings page and the editor say about the channel.
    string Description { get; }

    /// Sends one message. Throws EmailTransientException when it may be retried (4xx, no connection: nothing was
    /// accepted), EmailRejectedException on a 5xx; any other exception means the outcome is unknown.
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
