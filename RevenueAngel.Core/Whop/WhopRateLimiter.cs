using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Whop;

/// One token bucket for every Whop call of this process: Whop:RequestsPerMinute, with ten seconds of burst.
public sealed class WhopRateLimiter(IOptions<WhopOptions> options) : IDisposable
{
    private readonly TokenBucketRateLimiter _limiter = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, options.Value.RequestsPerMinute / 6),
        TokensPerPeriod = Math.Max(1, options.Value.RequestsPerMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 10_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}
