namespace RevenueAngel.Web.Security;

/// Named policies for `RequireRateLimiting`; pages are limited by path (RateLimiting.IsAccessCheckedPage).
public static class RateLimitPolicies
{
    public const string Api = "api";
    public const string Clicks = "clicks";
    public const string Webhooks = "webhooks";
    /// Per client IP; the per-key limit rides on the global limiter (an endpoint takes one named policy).
    public const string LeadCapture = "lead-capture";
}
