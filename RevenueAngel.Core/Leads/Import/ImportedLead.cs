namespace RevenueAngel.Core.Leads.Import;

/// A good row, ready to upsert: email normalised, fields trimmed and within their limits.
internal sealed record ImportedLead(string Email, string? Name, string? UtmSource, bool Consent, string? ConsentText);
