using System.Net;
using RevenueAngel.Core.Email;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Web.Endpoints;

/// `/u/{token}` from every email: GET asks "unsubscribe?" (link scanners fetch GETs, so a GET changes nothing); POST
/// unsubscribes at once, from the page's button or a mail client's one-click button (RFC 8058). No login: the signed
/// token is the proof.
public static class UnsubscribeEndpoints
{
    public static WebApplication MapUnsubscribeEndpoints(this WebApplication app)
    {
        app.MapGet("/u/{token}", ConfirmAsync).WithTags("Email").ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.Clicks);
        app.MapPost("/u/{token}", UnsubscribeAsync).WithTags("Email").ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.Clicks)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> ConfirmAsync(string token, Unsubscriber unsubscriber, CancellationToken ct) =>
        await unsubscriber.ReadAsync(token, ct) is { } target
            ? Page("Unsubscribe", $"""
                <p>Stop emails from <strong>{E(target.CompanyName)}</strong> to <strong>{E(target.Address)}</strong>?</p>
                <form method="post" action="/u/{E(token)}"><button type="submit">Unsubscribe</button></form>
                """)
            : Page("Link not valid", "<p>This unsubscribe link is not valid. Use the link from the latest email.</p>", StatusCodes.Status404NotFound);

    public static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, Unsubscriber unsubscriber, CancellationToken ct)
    {
        var oneClick = request.HasFormContentType && (await request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click";
        return await unsubscriber.UnsubscribeAsync(token, oneClick ? "one-click (mail client)" : "unsubscribe page", ct) is { } target
            ? Page("Unsubscribed", $"<p><strong>{E(target.Address)}</strong> will get no more emails from <strong>{E(target.CompanyName)}</strong>.</p>")
            : Page("Link not valid", "<p>This unsubscribe link is not valid. Use the link from the latest email.</p>", StatusCodes.Status404NotFound);
    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="robots" content="noindex"><title>{E(title)}</title>
        <style>body{"{"}font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5{"}"}
        button{"{"}font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#4f46e5;color:#fff;cursor:pointer{"}"}</style></head>
        <body><h1>{E(title)}</h1>{body}</body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
