using Microsoft.Extensions.Options;
using MimeKit;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Email;

/// One rendered message as a MIME email from the company: its sender name and reply-to, a stable Message-ID
/// (`<ra-send-{id}@{domain}>`, so a provider or client can tell a duplicate), the HTML and text parts, and the
/// unsubscribe headers mail clients show as a button (RFC 2369, one-click per RFC 8058).
public sealed class EmailComposer(IOptions<EmailOptions> options, IOptions<MessagingOptions> messaging, UnsubscribeTokens tokens)
{
    public string UnsubscribeUrl(string companyId, string address) =>
        $"{BaseUrl()}/u/{tokens.Create(companyId, address)}";

    public MimeMessage Compose(Company company, string to, RenderedMessage message, string messageKey)
    {
        var fromAddress = options.Value.FromAddress ?? "revenueangel@localhost";
        var unsubscribe = UnsubscribeUrl(company.Id, to);
        var content = EmailRendering.Render(message, company.EmailSenderName ?? company.Name, company.PostalAddress ?? "", unsubscribe);
        var email = new MimeMessage { Subject = content.Subject };
        email.From.Add(new MailboxAddress(company.EmailSenderName ?? options.Value.FromName, fromAddress));
        if (company.EmailReplyTo is { Length: > 0 } replyTo) email.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        email.To.Add(MailboxAddress.Parse(to));
        email.MessageId = $"{messageKey}@{Domain(fromAddress)}";
        email.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        email.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        email.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return email;
    }

    public static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];

    private string BaseUrl() => (messaging.Value.PublicBaseUrl is { Length: > 0 } url ? url : "http://localhost").TrimEnd('/');
}
