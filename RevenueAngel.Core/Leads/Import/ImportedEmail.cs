using System.Net.Mail;

namespace RevenueAngel.Core.Leads.Import;

internal static class ImportedEmail
{
    /// Whether a normalised address is one a message can go to: one mailbox, no display name, a dotted domain.
    public static bool IsValid(string email) =>
        email.Length <= LeadImportLimits.EmailMaxLength
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.DisplayName.Length == 0
        && address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
}
