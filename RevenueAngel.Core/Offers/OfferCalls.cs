using Polly.CircuitBreaker;
using Polly.Timeout;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Offers;

/// Runs one Whop call for an offer and adds its record (to be saved with the offer); a failure is recorded and
/// rethrown as <see cref="OfferCallFailedException"/>, so the offer fails with it.
internal sealed class OfferCalls(RevenueAngelDbContext db, long offerId, TimeProvider time)
{
    public async Task<T> RunAsync<T>(string operation, string targetId, Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            Record(operation, targetId, true, 200, null);
            return result;
        }
        catch (Exception e) when (e is WhopApiException or WhopQueueFullException or HttpRequestException or TimeoutRejectedException
                                      or BrokenCircuitException or TaskCanceledException)
        {
            var (status, error) = e is WhopApiException api ? ((int?)api.StatusCode, api.ErrorMessage) : (null, e.Message);
            Record(operation, targetId, false, status, error);
            throw new OfferCallFailedException($"Whop {operation} failed{(status is null ? "" : $" ({status})")}: {error}");
        }
    }

    private void Record(string operation, string targetId, bool succeeded, int? status, string? error) =>
        db.OfferCalls.Add(new OfferCall
        {
            OfferId = offerId, Operation = operation, TargetId = targetId, Succeeded = succeeded, StatusCode = status,
            Error = error is { Length: > 1000 } ? error[..1000] : error, At = time.GetUtcNow(),
        });
}
