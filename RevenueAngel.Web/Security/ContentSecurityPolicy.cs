namespace RevenueAngel.Web.Security;

/// The policy every response carries. Blazor Server needs no eval; the one inline script (the import map) has the
/// request's nonce; MudBlazor writes style attributes and a theme `<style>`, hence 'unsafe-inline' for styles only.
/// `connect-src 'self'` covers the circuit's same-origin WebSocket.
public sealed class ContentSecurityPolicy(string frameAncestors)
{
    public string For(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        $"frame-ancestors {frameAncestors}");
}
