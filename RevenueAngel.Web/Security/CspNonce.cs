using System.Buffers.Text;
using System.Security.Cryptography;

namespace RevenueAngel.Web.Security;

/// A fresh nonce per response, for the inline scripts the app itself writes (`<ImportMap nonce="…" />`).
public static class CspNonce
{
    private const string ItemKey = "RevenueAngel.CspNonce";

    /// The response's nonce; a re-executed request (error and status pages) keeps the one its headers carry.
    public static string Create(HttpContext context)
    {
        if (Of(context) is { } existing) return existing;
        // base64url: nothing in it that HTML encoding would change.
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        context.Items[ItemKey] = nonce;
        return nonce;
    }

    public static string? Of(HttpContext? context) => context?.Items[ItemKey] as string;
}
