using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RevenueAngel.Core.Email;

/// MailKit over SMTP, one connection per message (dispatch sends at a company's send rate, not in bulk). Errors before
/// the message is handed over (connect, TLS, login) are transient; the server's answer to the message decides the rest.
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private EmailOptions Options => options.Value;

    public bool IsConfigured => Options.IsConfigured;

    public string Description => IsConfigured
        ? $"SMTP via {Options.Host}:{Options.Port}{(Options.UseStartTls ? " (STARTTLS)" : "")} from {Options.FromAddress}"
        : "Email is off: set Email:Host, Email:FromAddress and Email:SigningKey (see the README, \"Email channel\").";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (!IsConfigured) throw new EmailRejectedException("Email is not configured (Email:Host).", hardBounce: false);
        using var client = new SmtpClient { Timeout = Options.TimeoutSeconds * 1000 };
        try
        {
            var security = Options.UseStartTls ? SecureSocketOptions.StartTls
                : Options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
            await client.ConnectAsync(Options.Host!, Options.Port, security, ct);
            if (!string.IsNullOrEmpty(Options.Username)) await client.AuthenticateAsync(Options.Username, Options.Password ?? "", ct);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                      or TimeoutException or SmtpCommandException && !ct.IsCancellationRequested)
        {
            // Never the password: MailKit's messages name the server and its answer only.
            throw new EmailTransientException($"Could not reach the mail server ({e.GetType().Name}: {e.Message})", e);
        }
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var text = $"The mail server answered {code}: {e.Message}";
            if (code < 500) throw new EmailTransientException(text, e);
            throw new EmailRejectedException(text, e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted, e);
        }
        try
        {
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // The message was accepted; a failed QUIT changes nothing.
        }
    }
}
