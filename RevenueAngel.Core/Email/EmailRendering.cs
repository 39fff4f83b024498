using System.Net;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Email;

/// The Markdown body (already filled in by Liquid) as an email: HTML with inline styles, for clients that drop
/// style sheets, and a plain-text alternative; the company's postal address and the unsubscribe link in the footer
/// of both. Raw HTML in the Markdown is shown as text and links other than http(s)/mailto lose their target: the
/// creator writes words and links, never markup.
public static class EmailRendering
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().UseEmphasisExtras().Build();

    private const string Font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;";
    private const string Paragraph = "margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2937;";

    public static EmailContent Render(RenderedMessage message, string companyName, string postalAddress, string unsubscribeUrl)
    {
        var document = Markdown.Parse(message.Body, Pipeline);
        DropUnsafeLinks(document);
        var body = Inline(document.ToHtml(Pipeline));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(Encode(message.Title)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;").Append(Font).Append("\">");
        if (message.Preheader is { Length: > 0 } preheader)
            html.Append("<div style=\"display:none;max-height:0;overflow:hidden;opacity:0;\">").Append(Encode(preheader)).Append("</div>");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;background:#ffffff;border-radius:8px;\">")
            .Append("<tr><td style=\"padding:28px 28px 12px;").Append(Font).Append("\">").Append(body);
        if (message.CtaLabel is { } label && message.CtaUrl is { } url && SafeLinks.IsWebAddress(url))
            html.Append("<p style=\"margin:8px 0 20px;\"><a href=\"").Append(Encode(url))
                .Append("\" style=\"display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;")
                .Append(Font).Append("\">").Append(Encode(label)).Append("</a></p>");
        html.Append("</td></tr></table>")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;\"><tr><td style=\"padding:16px 28px;")
            .Append(Font).Append("font-size:12px;line-height:1.5;color:#6b7280;\">")
            .Append(Encode(companyName)).Append("<br>").Append(Encode(postalAddress).Replace("\n", "<br>"))
            .Append("<br><a href=\"").Append(Encode(unsubscribeUrl)).Append("\" style=\"color:#6b7280;\">Unsubscribe</a> from ")
            .Append(Encode(companyName)).Append(" emails.</td></tr></table></td></tr></table></body></html>");

        var text = new StringBuilder().Append(Markdown.ToPlainText(message.Body, Pipeline).Trim()).Append("\n\n");
        if (message.CtaLabel is { } textLabel && message.CtaUrl is { } textUrl) text.Append(textLabel).Append(": ").Append(textUrl).Append("\n\n");
        text.Append("--\n").Append(companyName).Append('\n').Append(postalAddress.Trim()).Append("\nUnsubscribe: ").Append(unsubscribeUrl).Append('\n');
        return new EmailContent(message.Title, html.ToString(), text.ToString(), message.Preheader);
    }

    private static void DropUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
            if (!(SafeLinks.IsWebAddress(link.Url) || link.Url?.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) == true))
                link.Url = "";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!SafeLinks.IsWebAddress(link.Url) && !link.IsEmail) link.Url = "";
    }

    /// Markdig's plain tags with the styles mail clients keep only inline.
    private static string Inline(string html) => html
        .Replace("<p>", $"<p style=\"{Paragraph}\">")
        .Replace("<a href=", "<a style=\"color:#4f46e5;\" href=")
        .Replace("<h1>", "<h1 style=\"margin:0 0 16px;font-size:24px;line-height:1.3;color:#111827;\">")
        .Replace("<h2>", "<h2 style=\"margin:0 0 12px;font-size:20px;line-height:1.3;color:#111827;\">")
        .Replace("<h3>", "<h3 style=\"margin:0 0 12px;font-size:17px;line-height:1.3;color:#111827;\">")
        .Replace("<ul>", $"<ul style=\"margin:0 0 16px;padding-left:22px;{Paragraph}\">")
        .Replace("<ol>", $"<ol style=\"margin:0 0 16px;padding-left:22px;{Paragraph}\">")
        .Replace("<blockquote>", "<blockquote style=\"margin:0 0 16px;padding-left:12px;border-left:3px solid #e5e7eb;color:#4b5563;\">");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
