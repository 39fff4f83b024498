namespace RevenueAngel.Core.Whop;

/// Waits for the shared bucket before every attempt (retries included).
internal sealed class WhopRateLimitHandler(WhopRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(ct);
        if (!lease.IsAcquired) throw new HttpRequestException("Whop rate limiter queue is full");
        return await base.SendAsync(request, ct);
    }
}
