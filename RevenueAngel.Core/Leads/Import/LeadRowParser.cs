namespace RevenueAngel.Core.Leads.Import;

/// Turns one CSV record into a lead or the reason it is not one.
internal sealed class LeadRowParser(IReadOnlyList<string> headers, LeadImportMapping mapping)
{
    private static readonly HashSet<string> Yes = new(["yes", "y", "true", "t", "1", "x", "opted in", "optedin", "subscribed", "checked"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> No = new(["no", "n", "false", "f", "0", "opted out", "unsubscribed", "unchecked"], StringComparer.OrdinalIgnoreCase);
    private const string DefaultConsentText = "Consent to email recorded by the creator before the CSV import.";

    private readonly int _email = IndexOf(headers, mapping.Email) ?? throw new LeadImportException(
        mapping.Email is { Length: > 0 } ? $"The file has no column \"{mapping.Email}\"." : "The file has no email column: name it \"email\" or choose the column that holds the addresses.");
    private readonly int? _name = IndexOf(headers, mapping.Name);
    private readonly int? _utm = IndexOf(headers, mapping.UtmSource);
    private readonly int? _consent = IndexOf(headers, mapping.Consent);
    private readonly int? _consentText = IndexOf(headers, mapping.ConsentText);

    public (ImportedLead? Lead, string? Problem) Parse(Func<int, string> field)
    {
        var email = Lead.NormalizeEmail(field(_email));
        if (email.Length == 0) return (null, "missing email");
        if (email.Length > LeadImportLimits.EmailMaxLength) return (null, $"email is longer than {LeadImportLimits.EmailMaxLength} characters");
        // The capture endpoint's check, so an address refused there is refused here too.
        if (LeadEmail.Check(email).Problem is not null) return (null, $"\"{Shorten(email)}\" is not a valid email address");

        var name = Optional(field, _name);
        if (name?.Length > LeadImportLimits.NameMaxLength) return (null, $"name is longer than {LeadImportLimits.NameMaxLength} characters");
        var utm = Optional(field, _utm);
        if (utm?.Length > LeadImportLimits.UtmSourceMaxLength) return (null, $"utm_source is longer than {LeadImportLimits.UtmSourceMaxLength} characters");
        var consentText = Optional(field, _consentText);
        if (consentText?.Length > LeadImportLimits.ConsentTextMaxLength) return (null, $"consent text is longer than {LeadImportLimits.ConsentTextMaxLength} characters");

        var consentValue = Optional(field, _consent);
        bool consent;
        if (consentValue is null || No.Contains(consentValue)) consent = false;
        else if (Yes.Contains(consentValue)) consent = true;
        else return (null, $"consent \"{Shorten(consentValue)}\" is neither yes nor no");

        return (new ImportedLead(email, name, utm, consent, consent ? consentText ?? DefaultConsentText : null), null);
    }

    private static string? Optional(Func<int, string> field, int? index) =>
        index is { } i && field(i).Trim() is { Length: > 0 } value ? value : null;

    private static int? IndexOf(IReadOnlyList<string> headers, string? column)
    {
        if (string.IsNullOrEmpty(column)) return null;
        for (var i = 0; i < headers.Count; i++)
            if (string.Equals(headers[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        throw new LeadImportException($"The file has no column \"{column}\".");
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "…";
}
