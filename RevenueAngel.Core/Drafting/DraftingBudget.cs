using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Drafting;

/// AI:RequestsPerMinute model calls per company, in this process: a creator cannot spend the host's model budget
/// for everyone else.
public sealed class DraftingBudget(IOptions<AiOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(companyId =>
        RateLimitPartition.GetFixedWindowLimiter(companyId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    /// Takes one call from the company's budget; false when this minute's is spent.
    public bool TryTake(string companyId)
    {
        using var lease = _limiter.AttemptAcquire(companyId);
        return lease.IsAcquired;
    }

    public int Remaining(string companyId) =>
        (int)(_limiter.GetStatistics(companyId)?.CurrentAvailablePermits ?? options.Value.RequestsPerMinute);

    public void Dispose() => _limiter.Dispose();
}
