namespace RevenueAngel.Core.Messaging;

/// The links a message may carry and a page may emit: absolute http(s) addresses, and paths on this app.
public static class SafeLinks
{
    public static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    /// A web address, or a path on this site such as a tracked `/r/{token}` (never `//host` or `/\host`, which
    /// browsers read as another site).
    public static bool IsSafeHref(string? url) =>
        IsWebAddress(url) || url is ['/', not ('/' or '\\'), ..];
}
