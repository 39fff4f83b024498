namespace RevenueAngel.Core.Whop;

/// The request was never sent: this process already has Whop:RateLimitQueueLimit requests waiting for a rate-limit
/// token. An HttpRequestException, so callers that treat network errors as "Whop unavailable" treat this so too.
public sealed class WhopQueueFullException(int queueLimit)
    : HttpRequestException($"Whop request not sent: {queueLimit} requests are already waiting for this process's Whop rate limit (Whop:RateLimitQueueLimit); try again later");
