namespace RevenueAngel.Core.Companies;

/// What the Settings page shows about the link to Whop.
public sealed record CompanyConnection(
    string CompanyName,
    bool IsDemo,
    string? WhopExperienceId,
    CompanySyncState Sync,
    bool WebhookSecretConfigured);

/// One permission the app needs, and whether Whop granted it (checked by a read that needs it).
public sealed record PermissionCheck(string Permission, string Purpose, bool Granted, string? Problem);
