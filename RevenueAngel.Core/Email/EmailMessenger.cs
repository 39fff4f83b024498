using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Telemetry;

namespace RevenueAngel.Core.Email;

/// Composes and sends one email: a send's, with its stable Message-ID, or a test of a draft to an address the admin typed.
public sealed class EmailMessenger(IEmailTransport transport, EmailComposer composer, RevenueAngelMetrics metrics)
{
    public bool IsEnabled => transport.IsConfigured;

    public string Status => transport.Description;

    /// Returns the Message-ID, recorded as the send's external id.
    public async Task<string> DeliverAsync(Company company, string address, RenderedMessage message, long sendId, CancellationToken ct)
    {
        var email = composer.Compose(company, address, message, $"ra-send-{sendId}");
        try
        {
            await transport.SendAsync(email, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.SendTried("email", "failed");
            throw;
        }
        metrics.SendTried("email", "sent");
        return email.MessageId!;
    }

    /// What went wrong, or null.
    public async Task<string?> SendTestAsync(Company company, string address, RenderedMessage message, CancellationToken ct)
    {
        if (!transport.IsConfigured) return transport.Description;
        if (!MimeKit.MailboxAddress.TryParse(address, out var mailbox) || !mailbox.Address.Contains('@')) return $"'{address}' is not an email address.";
        var email = composer.Compose(company, mailbox.Address, message with { Title = $"[Test] {message.Title}" }, $"ra-test-{Guid.NewGuid():N}");
        try
        {
            await transport.SendAsync(email, ct);
            return null;
        }
        catch (EmailDeliveryException e)
        {
            return $"The mail server did not accept the test: {e.Message}";
        }
    }
}
