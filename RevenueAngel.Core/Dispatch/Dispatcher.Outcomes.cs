using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// How the dispatcher records what happened to a send, including when the database or the app fails mid-way.
public sealed partial class Dispatcher
{
    /// Whop refused the message: a 429 pauses everyone without counting an attempt; a transient error retries on
    /// the schedule (and enough of them in a row pause the company); anything else, or the last attempt, fails. The
    /// throttle hears of it at once; the send changes when the wave's outcomes are written.
    private FailureVerdict JudgeFailure(Send send, Exception error)
    {
        var now = time.GetUtcNow();
        var reason = Trim(error.Message);
        if (error is WhopApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited)
        {
            var until = now + (limited.RetryAfter ?? TimeSpan.FromSeconds(Options.RateLimitPauseSeconds));
            throttle.PauseUntil(until);
            LogRateLimited(until);
            return new FailureVerdict(SendOutcome.Deferred, s => s.Defer(until, "Whop rate limit: waiting before the next send"));
        }
        if (error is not (WhopApiException or WhopDeliveryException) || error is WhopApiException { IsTransient: true })
        {
            if (throttle.RecordTransientFailure(send.CompanyId))
                LogOutage(send.CompanyId, throttle.CompanyPausedUntil(send.CompanyId) ?? now, reason);
            if (send.Attempts + 1 < Options.MaxAttempts)
                return new FailureVerdict(SendOutcome.Retrying, s => s.Retry(now + Options.RetryWait(s.Attempts + 1), reason));
            return Failed($"Gave up after {send.Attempts + 1} attempts: {reason}", attempted: true);
        }
        return Failed(reason, attempted: error is not WhopDeliveryException);

        FailureVerdict Failed(string why, bool attempted) => new(SendOutcome.Failed, s =>
        {
            s.Fail(why, attempted);
            LogFailed(s.Id, why);
        });
    }

    /// The wave's outcomes in one write, then the enrolments its last steps complete. If the write fails, each send
    /// is recorded on its own: a delivered one as `sent` (or `unknown`), never called again.
    private async Task<DispatchRun> RecordOutcomesAsync(RevenueAngelDbContext db, List<ReadySend> calling)
    {
        if (calling.Count == 0) return DispatchRun.Empty;
        var run = DispatchRun.Empty;
        try
        {
            await SendBatchWrite.SaveAsync(db, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWaveRecordingFailed(e, calling.Count);
            Forget(db, calling);
            foreach (var ready in calling)
            {
                var corrected = ready.Call.Stage switch
                {
                    CallStage.Delivered => await RecordDeliveredAsync(ready.Send.Id, ready.Call),
                    CallStage.Calling => await MarkUnknownQuietlyAsync(ready.Send.Id, ready.Send.LastError ?? "not resent to avoid a duplicate"),
                    // Whop answered with an error or was never called, so it has nothing: back, as it was.
                    _ => await ReleaseAsDeferredAsync(ready.Send.Id),
                };
                run = run.Plus(Correction(ready, corrected));
            }
            return run;
        }
        Forget(db, calling);
        await SuppressBouncedAsync(calling);
        await CompleteSequencesAsync(db, calling);
        return run;
    }

    /// What a per-send correction changes in the wave's tally (Settle counted its first verdict already).
    private static DispatchRun Correction(ReadySend ready, SendOutcome corrected)
    {
        var counted = ready.Call.Stage switch
        {
            CallStage.Delivered => SendOutcome.Sent,
            CallStage.Calling => SendOutcome.Unknown,
            CallStage.Refused => ready.Verdict!.Outcome,
            _ => SendOutcome.Deferred,
        };
        if (counted == corrected) return DispatchRun.Empty;
        var minus = DispatchRun.Empty.Add(counted);
        var plus = DispatchRun.Empty.Add(corrected);
        return new DispatchRun(plus.Sent - minus.Sent, plus.Deferred - minus.Deferred, plus.Retrying - minus.Retrying,
            plus.Failed - minus.Failed, plus.Canceled - minus.Canceled, plus.Unknown - minus.Unknown);
    }

    private async Task<SendOutcome> ReleaseAsDeferredAsync(long sendId)
    {
        await ReleaseQuietlyAsync([sendId], time.GetUtcNow().AddMinutes(1), null);
        return SendOutcome.Deferred;
    }

    /// Enrolments whose last step just went out and that have nothing left to send: complete, in one statement.
    private async Task CompleteSequencesAsync(RevenueAngelDbContext db, List<ReadySend> calling)
    {
        var last = calling.Where(r => r.LastStep && r.Call.Stage == CallStage.Delivered).Select(r => r.Send.EnrollmentId).Distinct().ToList();
        if (last.Count == 0) return;
        try
        {
            var at = calling.Where(r => r.Call.Stage == CallStage.Delivered).Max(r => r.Call.SentAt);
            await db.Enrollments.Where(e => last.Contains(e.Id)).WithNothingLeftToSend(db)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.Status, EnrollmentStatus.Completed)
                    .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(at))
                    .SetProperty(e => e.EndReason, Enrollment.CompletedReason), CancellationToken.None);
        }
        catch (Exception e)
        {
            // Sent and recorded; only completing the enrolments failed, and the scheduler's sweep completes them.
            LogCompletionFailed(e, last.Count);
        }
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

    [LoggerMessage(LogLevel.Error, "Checking or preparing a batch of {Count} claimed sends failed before Whop had any; they go back to scheduled")]
    private partial void LogBatchError(Exception exception, int count);

    [LoggerMessage(LogLevel.Error, "Recording that {Count} calls begin failed before any was made; they go back to scheduled")]
    private partial void LogWaveError(Exception exception, int count);

    [LoggerMessage(LogLevel.Error, "Recording the outcomes of {Count} calls together failed; recording them one by one")]
    private partial void LogWaveRecordingFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Error, "Completing {Count} enrolments after their last message failed; the scheduler's sweep completes them")]
    private partial void LogCompletionFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "Send {SendId} failed: {Reason}")]
    private partial void LogFailed(long sendId, string reason);
}
