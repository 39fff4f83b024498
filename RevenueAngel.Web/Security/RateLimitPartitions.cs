using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace RevenueAngel.Web.Security;

/// Who a request counts against.
public static class RateLimitPartitions
{
    public const string UserTokenHeader = "x-whop-user-token";

    /// The authenticated Whop user (`ClaimTypes.NameIdentifier`). Until authentication runs before the limiter,
    /// the user token's hash stands in for the user; a junk token only buys its own cheap 401s. Else the client IP.
    public static string User(HttpContext context)
    {
        if (context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } userId) return $"user:{userId}";
        if (context.Request.Headers[UserTokenHeader].FirstOrDefault() is { Length: > 0 } token)
            return $"token:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16)}";
        return Ip(context);
    }

    /// The capture key of a lead-capture post (cut to 64 characters, the longest a key is), else null.
    public static string? CaptureKey(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/leads/capture", out var rest)
            && rest.Value is { Length: > 1 } key ? $"capture-key:{(key.Length > 65 ? key[1..65] : key[1..])}" : null;

    /// The client address (after forwarded headers from known proxies); IPv6 by /64, which one subscriber usually holds.
    public static string Ip(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "ip:unknown",
        { IsIPv4MappedToIPv6: true } mapped => $"ip:{mapped.MapToIPv4()}",
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"ip:{new IPNetwork(Prefix64(v6), 64)}",
        var v4 => $"ip:{v4}",
    };

    private static IPAddress Prefix64(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
