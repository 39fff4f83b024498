using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// How the dispatcher records what happened to a send, including when the database or the app fails mid-way.
public sealed partial class Dispatcher
{
    /// Whop refused the message: a 429 pauses everyone without counting an attempt; a transient error retries on
    /// the schedule (and enough of them in a row pause the company); anything else, or the last attempt, fails.
    private async Task<SendOutcome> RecordFailureAsync(RevenueAngelDbContext db, Send send, Exception error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reason = Trim(error.Message);
        SendOutcome outcome;
        if (error is WhopApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited)
        {
            var until = now + (limited.RetryAfter ?? TimeSpan.FromSeconds(Options.RateLimitPauseSeconds));
            throttle.PauseUntil(until);
            LogRateLimited(until);
            send.Defer(until, "Whop rate limit: waiting before the next send");
            outcome = SendOutcome.Deferred;
        }
        else if (error is not (WhopApiException or WhopDeliveryException) || error is WhopApiException { IsTransient: true })
        {
            if (throttle.RecordTransientFailure(send.CompanyId))
                LogOutage(send.CompanyId, throttle.CompanyPausedUntil(send.CompanyId) ?? now, reason);
            if (send.Attempts + 1 < Options.MaxAttempts)
            {
                send.Retry(now + Options.RetryWait(send.Attempts + 1), reason);
                outcome = SendOutcome.Retrying;
            }
            else
            {
                send.Fail($"Gave up after {send.Attempts + 1} attempts: {reason}");
                LogFailed(send.Id, send.LastError!);
                outcome = SendOutcome.Failed;
            }
        }
        else
        {
            send.Fail(reason, attempted: error is not WhopDeliveryException);
            LogFailed(send.Id, send.LastError!);
            outcome = SendOutcome.Failed;
        }
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// Whop accepted the message but writing `sent` failed: one more try on a fresh context, whatever the app's
    /// state; failing that, `unknown` (the lease would make it so anyway). Never a second message.
    private async Task<SendOutcome> RecordDeliveredAsync(long sendId, CallProgress call)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var send = await db.Sends.SingleAsync(s => s.Id == sendId, CancellationToken.None);
            if (send.Status != SendStatus.Sending) return SendOutcome.Skipped;
            send.MarkSent(call.SentAt, call.ExternalId, call.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            return SendOutcome.Sent;
        }
        catch (Exception e)
        {
            LogRecordingFailed(e, sendId);
            return await MarkUnknownQuietlyAsync(sendId, "Whop accepted the message but it could not be recorded as sent; not resent to avoid a duplicate");
        }
    }

    private async Task<SendOutcome> MarkUnknownQuietlyAsync(long sendId, string reason)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.Sends.Where(s => s.Id == sendId && s.Status == SendStatus.Sending)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Status, SendStatus.Unknown)
                    .SetProperty(s => s.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(s => s.LastError, reason), CancellationToken.None);
        }
        catch (Exception e)
        {
            // Its call started, so its lease's expiry makes it `unknown` all the same.
            LogRecordingFailed(e, sendId);
        }
        return SendOutcome.Unknown;
    }

    /// Back to `scheduled`, attempts untouched, whatever the state of the app's token: a release that fails leaves
    /// the send to its lease, whose expiry also puts back a send that Whop was never called for.
    private async Task ReleaseQuietlyAsync(IReadOnlyCollection<long> ids, DateTimeOffset? until, string? reason)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await SendClaims.ReleaseAsync(db, ids, until, reason, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogReleaseFailed(e, ids.Count);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Count} sends were claimed and called to Whop but never finished before their lease expired; marked unknown, not resent")]
    private partial void LogLeasesExpired(int count);

    [LoggerMessage(LogLevel.Information, "{Count} claimed sends were never called to Whop before their lease expired; scheduled again")]
    private partial void LogLeasesReleased(int count);

    [LoggerMessage(LogLevel.Warning, "Whop rate-limited message delivery; dispatch paused until {Until}")]
    private partial void LogRateLimited(DateTimeOffset until);

    [LoggerMessage(LogLevel.Warning, "Whop unavailable for company {CompanyId}; its dispatch paused until {Until}: {Reason}")]
    private partial void LogOutage(string companyId, DateTimeOffset until, string reason);

    [LoggerMessage(LogLevel.Error, "Dispatching send {SendId} failed before Whop had it; it goes back to scheduled")]
    private partial void LogDispatchError(Exception exception, long sendId);

    [LoggerMessage(LogLevel.Warning, "Send {SendId} is unknown: {Reason}")]
    private partial void LogUnknown(Exception exception, long sendId, string reason);

    [LoggerMessage(LogLevel.Error, "Recording the outcome of send {SendId} failed")]
    private partial void LogRecordingFailed(Exception exception, long sendId);

    [LoggerMessage(LogLevel.Error, "Putting {Count} claimed sends back failed; their leases will")]
    private partial void LogReleaseFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "Send {SendId} failed: {Reason}")]
    private partial void LogFailed(long sendId, string reason);
}
