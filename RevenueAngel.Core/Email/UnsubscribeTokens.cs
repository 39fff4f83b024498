using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Email;

/// `/u/{token}` names a company and an address, signed with HMAC-SHA256 (Email:SigningKey): nobody can make one for
/// an address they were not sent, and one company's link never unsubscribes from another.
public sealed class UnsubscribeTokens(IOptions<EmailOptions> options)
{
    private readonly byte[] _key = options.Value.SigningKey is { Length: > 0 } key
        ? SHA256.HashData(Encoding.UTF8.GetBytes(key))
        : RandomNumberGenerator.GetBytes(32);

    public string Create(string companyId, string address)
    {
        var payload = Encoding.UTF8.GetBytes($"{companyId}\n{Leads.Lead.NormalizeEmail(address)}");
        return $"{Base64Url(payload)}.{Base64Url(Sign(payload))}";
    }

    /// The company and address of a genuine token, or null.
    public (string CompanyId, string Address)? Read(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > 1024) return null;
        var payload = FromBase64Url(token[..dot]);
        var signature = FromBase64Url(token[(dot + 1)..]);
        if (payload is null || signature is null || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload))) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        return parts is [var company, var address] && company.Length > 0 && address.Contains('@') ? (company, address) : null;
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
