namespace RevenueAngel.Web.Security;

/// Named policies for `RequireRateLimiting`; pages are limited by path (RateLimiting.IsAccessCheckedPage).
public static class RateLimitPolicies
{
    public const string Api = "api";
    public const string Clicks = "clicks";
    public const string Webhooks = "webhooks";
}
