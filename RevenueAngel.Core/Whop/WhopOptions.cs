using System.ComponentModel.DataAnnotations;

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
    /// Also accept user tokens signed with Whop's pre-JWKS fixed key (legacy tokens without `kid`).
    public bool AcceptLegacyUserTokenKey { get; set; } = true;

    /// How long an access check's answer is reused; a revoked admin loses access within about this long.
    [Range(1, 3600)]
    public int AccessCacheSeconds { get; set; } = 120;

    /// How long an access check that Whop could not answer (or refused as not installed) is remembered.
    [Range(1, 300)]
    public int AccessFailureCacheSeconds { get; set; } = 5;

    /// How long a circuit keeps the Whop user verified when its page was loaded; then the page asks to be opened
    /// again from Whop. Admin rights are re-checked every AccessCacheSeconds meanwhile.
    [Range(1, 1440)]
    public int CircuitIdentityMinutes { get; set; } = 240;

    /// A full re-sync of every company this often heals missed webhooks.
    [Range(1, 168)]
    public int SyncIntervalHours { get; set; } = 6;

    /// Where the sync lists a company's waitlist entries (e.g. "waitlist_entries"), relative to ApiBaseUrl. Unset by
    /// default: Whop's v1 list path is unconfirmed, and the entry.* webhooks bring entries anyway. A 404 is skipped.
    public string? WaitlistEntriesPath { get; set; }

    /// The sync also lists the payments Whop changed since the last one and applies them through the webhook handlers,
    /// so a delivery Whop gave up on heals. Each listing starts this many minutes before the stored watermark: our clock
    /// and Whop's `updated_at` may disagree a little, and an object may reach Whop's list a moment after its change.
    [Range(0, 1440)]
    public int PaymentReconcileOverlapMinutes { get; set; } = 10;

    /// The first listing (no watermark yet) starts this many days before the install; 0 starts at the install.
    [Range(0, 365)]
    public int PaymentReconcileLookbackDays { get; set; }

    /// The list filter for "changed since" (the reference names `updated_after` on GET /payments; Whop's SDKs do not all
    /// type it). Unset: Whop has no such filter, and each reconcile lists the payments created in the last
    /// PaymentReconcileCreatedWindowDays instead (refunds and late recoveries of older payments are then missed).
    public string? PaymentsUpdatedAfterParameter { get; set; } = "updated_after";

    /// Used only without PaymentsUpdatedAfterParameter: how far back by creation each reconcile lists payments.
    [Range(1, 365)]
    public int PaymentReconcileCreatedWindowDays { get; set; } = 35;

    /// Where a refunded payment's refunds are listed (`?payment_id=`), relative to ApiBaseUrl, so a missed refund.created
    /// heals under the refund's own id. Unset: refunds come only from webhooks. A 404 is skipped.
    public string? RefundsPath { get; set; } = "refunds";

    /// How often the sync job looks for requested or due syncs.
    [Range(1, 3600)]
    public int SyncPollSeconds { get; set; } = 30;

    /// Start a company's first sync the moment it is installed rather than at the next poll.
    public bool SyncOnInstall { get; set; } = true;

    /// Client-side limit for the whole process (Whop's v1 limit is unconfirmed; a third party reports 600/min).
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// Requests that may wait for a rate-limit token at once; one more fails at once with WhopQueueFullException
    /// (never sent). At the default rate 200 is 20 s of waiting.
    [Range(0, 100_000)]
    public int RateLimitQueueLimit { get; set; } = 200;

    /// Retries after the first attempt on 408/409/429/5xx and network errors (Whop's SDKs use 2).
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    [Range(1, 300)]
    public int AttemptTimeoutSeconds { get; set; } = 15;

    /// How long a "Retry-After" may make us wait before the error surfaces instead.
    [Range(1, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    internal int TokensPerSecond => Math.Max(1, RequestsPerMinute / 60);

    /// The longest one call may take: every attempt with its wait for a token, and every server-given wait between.
    public TimeSpan TotalTimeout =>
        (TimeSpan.FromSeconds(AttemptTimeoutSeconds) + TimeSpan.FromSeconds(Math.Ceiling((double)RateLimitQueueLimit / TokensPerSecond))) * (MaxRetries + 1)
        + TimeSpan.FromSeconds(MaxRetryAfterSeconds) * MaxRetries;

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
