using Microsoft.Extensions.Options;
using MimeKit;

namespace RevenueAngel.Core.Email;

/// With a Host, everything a send needs must be there at start-up, not at the first send.
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FromAddress) || !MailboxAddress.TryParse(options.FromAddress, out _) || !options.FromAddress.Contains('@'))
            problems.Add("Email:FromAddress must be an address your provider lets you send from (env Email__FromAddress).");
        if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.Password))
            problems.Add("Email:Username and Email:Password go together (both, or neither for a server without login).");
        if (options.SigningKey is not { Length: >= 32 })
            problems.Add("Email:SigningKey (env Email__SigningKey) must be at least 32 characters: unsubscribe links are signed with it.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
