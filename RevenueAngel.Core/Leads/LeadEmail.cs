using System.Net.Mail;

namespace RevenueAngel.Core.Leads;

/// One careful check of an address a stranger typed into a landing page: a bare `local@domain.tld` that
/// System.Net.Mail reads back unchanged (no display name, no comments, no quoting), within the lengths mail allows.
public static class LeadEmail
{
    public const int MaxLength = 254;

    /// The normalised address (Lead.NormalizeEmail), or null with the reason it was refused.
    public static (string? Email, string? Problem) Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "An email address is required.");
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength) return (null, $"The email address is longer than {MaxLength} characters.");
        if (!Webhooks.StoredText.IsClean(trimmed) || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or '<' or '>' or ',' or ';' or '\\'))
            return (null, "The email address contains characters an address cannot have.");
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at > 64 || at != trimmed.IndexOf('@')) return (null, "The email address needs one @ with a name before it.");
        var domain = trimmed[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains(".."))
            return (null, "The email address needs a domain such as example.com.");
        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
            return (null, "The email address is not valid.");
        return (Lead.NormalizeEmail(trimmed), null);
    }
}
