using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Whop;

/// One token bucket for every Whop call of this process: Whop:RequestsPerMinute, with ten seconds of burst. At most
/// Whop:RateLimitQueueLimit requests wait for a token; one more is refused at once (WhopQueueFullException).
public sealed class WhopRateLimiter(IOptions<WhopOptions> options) : IDisposable
{
    public RateLimiter Limiter { get; } = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, options.Value.RequestsPerMinute / 6),
        TokensPerPeriod = options.Value.TokensPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = options.Value.RateLimitQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose() => Limiter.Dispose();
}
