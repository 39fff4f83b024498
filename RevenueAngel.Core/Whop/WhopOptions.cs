namespace RevenueAngel.Core.Whop;

/// How RevenueAngel reaches Whop. Environment form: Whop__ApiKey, Whop__WebhookSecrets__0, …
public sealed class WhopOptions
{
    public const string SectionName = "Whop";

    public string ApiBaseUrl { get; set; } = "https://api.whop.com/api/v1";
    public string? ApiKey { get; set; }
    public string? AppId { get; set; }
    public string JwksUrl { get; set; } = "https://api.whop.com/.well-known/jwks.json";
    public string ApiVersionDate { get; set; } = "2026-07-20";
    public List<string> WebhookSecrets { get; set; } = [];
    public int RequestsPerMinute { get; set; } = 600;

    /// The settings a real (non-demo) deployment cannot run without, by configuration key.
    public IReadOnlyList<string> MissingSettings()
    {
        List<string> missing = [];
        if (string.IsNullOrWhiteSpace(ApiKey)) missing.Add($"{SectionName}:{nameof(ApiKey)}");
        if (string.IsNullOrWhiteSpace(AppId)) missing.Add($"{SectionName}:{nameof(AppId)}");
        if (!WebhookSecrets.Any(s => !string.IsNullOrWhiteSpace(s))) missing.Add($"{SectionName}:{nameof(WebhookSecrets)}");
        return missing;
    }
}
