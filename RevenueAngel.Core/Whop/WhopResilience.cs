using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace RevenueAngel.Core.Whop;

/// Retries as Whop's SDKs do (408/409/429/5xx and network errors, exponential 0.5 s → 8 s with jitter,
/// honouring retry-after-ms, retry-after and x-should-retry), inside a total timeout, with a circuit breaker.
/// Each attempt then waits for the process-wide rate limiter (bounded queue) and only then starts its own
/// per-attempt timeout, so time spent queueing for a token never times an attempt out. An open circuit and a full
/// queue both fail before anything is sent.
internal static class WhopResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, WhopOptions options, WhopRateLimiter limiter)
    {
        var attemptTimeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(8),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome.Result, maxRetryAfter)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(30),
                MinimumThroughput = 20,
                FailureRatio = 0.5,
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .AddRateLimiter(limiter.Limiter)
            .AddTimeout(attemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } when Header(response, "x-should-retry") is { } decision => decision == "true",
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// The server's own wait, when it gives one; null falls back to the exponential backoff.
    internal static TimeSpan? ServerDelay(HttpResponseMessage? response, TimeSpan max)
    {
        if (response is null) return null;
        TimeSpan? delay = null;
        if (Header(response, "retry-after-ms") is { } ms && double.TryParse(ms, CultureInfo.InvariantCulture, out var millis))
            delay = TimeSpan.FromMilliseconds(millis);
        else if (response.Headers.RetryAfter is { } retryAfter)
            delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d >= TimeSpan.Zero ? (d > max ? max : d) : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim().ToLowerInvariant() : null;
}
