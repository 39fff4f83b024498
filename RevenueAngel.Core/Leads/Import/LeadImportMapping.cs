namespace RevenueAngel.Core.Leads.Import;

/// Which CSV column holds each lead field. For each field: null = detect it from the header, "" = do not import it,
/// a header name = that column (matched ignoring case and surrounding spaces).
public sealed record LeadImportMapping(string? Email = null, string? Name = null, string? UtmSource = null, string? Consent = null,
    string? ConsentText = null)
{
    public static LeadImportMapping Auto { get; } = new();

    /// The mapping a header suggests, each field the first column whose name matches one of its usual spellings.
    public static LeadImportMapping Detect(IReadOnlyList<string> headers) => new(
        Find(headers, "email", "emailaddress", "mail", "useremail", "contactemail"),
        Find(headers, "name", "fullname", "displayname", "customername", "firstname"),
        Find(headers, "utmsource", "source", "utm"),
        Find(headers, "consent", "emailconsent", "optin", "optedin", "marketingconsent", "acceptsemailmarketing", "acceptsmarketing", "subscribed"),
        Find(headers, "consenttext", "consentwording"));

    /// This mapping with its undecided fields detected from the header.
    public LeadImportMapping ResolveAgainst(IReadOnlyList<string> headers)
    {
        var detected = Detect(headers);
        return new(Email ?? detected.Email, Name ?? detected.Name, UtmSource ?? detected.UtmSource, Consent ?? detected.Consent,
            ConsentText ?? detected.ConsentText);
    }

    internal static string Key(string header) =>
        new([.. header.Trim().ToLowerInvariant().Where(c => c is not (' ' or '_' or '-' or '.'))]);

    private static string? Find(IReadOnlyList<string> headers, params string[] spellings) =>
        spellings.Select(s => headers.FirstOrDefault(h => Key(h) == s)).FirstOrDefault(h => h is not null);
}
