using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RevenueAngel.Core.Webhooks;

/// Standard Webhooks verification as Whop signs (reference §2.6): HMAC-SHA256 over `id.timestamp.body` (the raw
/// bytes), base64, in `webhook-signature` as `v1,<sig>` entries. Whop's key is the UTF-8 of the whole `ws_…`
/// secret; a `whsec_…` secret (the Standard Webhooks convention) is base64 after its prefix. Every configured
/// secret is tried, so a rotation has no gap. Written out rather than taken from the StandardWebhooks package,
/// which only knows the `whsec_` key form.
public static class WebhookSignature
{
    public static string? Verify(IReadOnlyList<string> secrets, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body,
        DateTimeOffset now, int toleranceSeconds)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return "webhook-timestamp is not a Unix time";
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > toleranceSeconds)
            return $"webhook-timestamp is more than {toleranceSeconds} s from now";

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        var offered = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryBase64(s[3..]))
            .OfType<byte[]>()
            .ToList();
        foreach (var secret in secrets)
        {
            if (Key(secret) is not { } key) continue;
            var expected = HMACSHA256.HashData(key, content);
            if (offered.Any(sig => CryptographicOperations.FixedTimeEquals(sig, expected))) return null;
        }
        return "no signature matches a configured secret";
    }

    public static string Sign(string secret, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body.ToArray()).ToArray();
        return $"v1,{Convert.ToBase64String(HMACSHA256.HashData(Key(secret)!, content))}";
    }

    private static byte[]? Key(string secret) =>
        string.IsNullOrWhiteSpace(secret) ? null
        : secret.StartsWith("whsec_", StringComparison.Ordinal) ? TryBase64(secret["whsec_".Length..])
        : Encoding.UTF8.GetBytes(secret);

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
