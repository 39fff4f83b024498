using System.Net;

namespace RevenueAngel.Core.Whop;

/// A Whop answer that is not a success and is not worth retrying (or no longer is): carries Whop's
/// `error.type` and `error.message`.
public sealed class WhopApiException(HttpStatusCode statusCode, string? errorType, string errorMessage, string operation)
    : Exception($"Whop {operation} failed with {(int)statusCode} {errorType ?? statusCode.ToString()}: {errorMessage}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? ErrorType { get; } = errorType;
    public string ErrorMessage { get; } = errorMessage;
    /// Whop's own wait before the next call (429's retry-after), when it gave one.
    public TimeSpan? RetryAfter { get; init; }

    /// Worth trying again later: a timeout, a conflict, a rate limit or Whop's own failure.
    public bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests
                               || (int)StatusCode >= 500;

    /// The app is not installed on the company, or the creator has not approved a permission.
    public bool IsAccessRevoked => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
