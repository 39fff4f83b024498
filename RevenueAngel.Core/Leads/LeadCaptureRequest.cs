namespace RevenueAngel.Core.Leads;

/// What a landing page (or the creator, by hand) sends about one person. <paramref name="Website"/> is the honeypot:
/// a field people never see, so only a bot fills it.
public sealed record LeadCaptureRequest(string? Email, string? Name = null, string? UtmSource = null, bool Consent = false,
    string? ConsentText = null, string? Website = null);
