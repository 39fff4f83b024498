using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Web.Security;

/// Requests per one-minute window before the app answers 429 with `Retry-After`; nothing is queued. The webhook
/// receiver also has a concurrency bound with a bounded queue, past which it answers 503 with `Retry-After`.
/// Generous on purpose: they stop floods, not creators (env RateLimits__ApiPerUserPerMinute, …).
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// REST calls under `/api/…` (all but the webhook receiver), per Whop user.
    [Range(1, 1_000_000)]
    public int ApiPerUserPerMinute { get; set; } = 600;

    /// Page loads that check access (`/dashboard/…`, `/experiences/…`), per Whop user.
    [Range(1, 1_000_000)]
    public int PagesPerUserPerMinute { get; set; } = 300;

    /// Tracked-link clicks (`/r/{token}`), per client IP.
    [Range(1, 1_000_000)]
    public int ClicksPerIpPerMinute { get; set; } = 300;

    /// Lead captures (`POST /api/leads/capture/{key}`), per client IP: one person signs up once, a script many times.
    [Range(1, 1_000_000)]
    public int CapturesPerIpPerMinute { get; set; } = 10;

    /// Lead captures per capture key, whatever the address: bounds a distributed flood against one creator's list.
    [Range(1, 1_000_000)]
    public int CapturesPerKeyPerMinute { get; set; } = 600;

    /// Webhook deliveries (`POST /api/webhooks/whop`), per client IP. Whop retries a 429, so nothing is lost.
    [Range(1, 1_000_000)]
    public int WebhooksPerIpPerMinute { get; set; } = 3000;

    /// Webhook deliveries handled at once by this process, whoever sends them. Past this and the queue below the
    /// receiver answers 503 with `Retry-After` (Whop redelivers), so a flood costs bounded memory and database
    /// connections, and pages keep theirs.
    [Range(1, 10_000)]
    public int WebhookConcurrency { get; set; } = 32;

    /// Webhook deliveries waiting for one of those slots, oldest first; 0 sheds at once.
    [Range(0, 100_000)]
    public int WebhookQueue { get; set; } = 128;

    /// The `Retry-After` of a shed delivery, in seconds.
    [Range(1, 3600)]
    public int WebhookRetryAfterSeconds { get; set; } = 5;
}
