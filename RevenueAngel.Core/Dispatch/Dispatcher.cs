using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// Sends what is due, safely: claims under a lease, re-checks each send just before Whop is called (still
/// active, still eligible, not outranked, within the frequency cap, outside quiet hours), renders it and
/// delivers it, at most at each company's send rate. Deferrals move a send later and never drop it.
public sealed partial class Dispatcher(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    SendGate gate,
    SubjectVariables variables,
    LiquidTemplates templates,
    StepVariantChooser variants,
    WhopMessenger messenger,
    TrackedLinks links,
    DispatchThrottle throttle,
    IOptions<DispatchOptions> dispatchOptions,
    IOptions<MessagingOptions> messagingOptions,
    TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private DispatchOptions Options => dispatchOptions.Value;

    public async Task<DispatchRun> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<long> claimed;
        int expired;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            expired = await SendClaims.ExpireLeasesAsync(db, now, ct);
            if (expired > 0) LogLeasesExpired(expired);
            if (throttle.PausedUntil is not null) return DispatchRun.Empty with { Unknown = expired };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            claimed = await SendClaims.ClaimAsync(db, now, now.AddSeconds(Options.LeaseSeconds), messagingOptions.Value.SendsPerMinute, ct);
            await transaction.CommitAsync(ct);
        }

        var run = DispatchRun.Empty with { Unknown = expired };
        for (var i = 0; i < claimed.Count; i++)
        {
            // Paused by a 429, or the app is stopping: what was claimed but not tried goes back, untouched.
            if (throttle.PausedUntil is { } pausedUntil || ct.IsCancellationRequested)
            {
                await ReleaseAsync(claimed.Skip(i).ToList(), throttle.PausedUntil ?? time.GetUtcNow(), CancellationToken.None);
                run = run with { Deferred = run.Deferred + claimed.Count - i };
                break;
            }
            run = run.Add(await DispatchOrReleaseAsync(claimed[i], ct));
        }
        return run;
    }

    /// Anything going wrong before Whop is called puts the send back for a later try; after the call, the lease
    /// decides (an unrecorded outcome becomes `unknown`, never a second message).
    private async Task<SendOutcome> DispatchOrReleaseAsync(long sendId, CancellationToken ct)
    {
        var calledWhop = new StrongBox<bool>();
        try
        {
            return await DispatchAsync(sendId, calledWhop, ct);
        }
        catch (Exception e) when (!calledWhop.Value)
        {
            await ReleaseAsync([sendId], time.GetUtcNow().AddMinutes(1), CancellationToken.None);
            if (e is OperationCanceledException) throw;
            LogDispatchError(e, sendId);
            return SendOutcome.Deferred;
        }
    }

    private async Task<SendOutcome> DispatchAsync(long sendId, StrongBox<bool> calledWhop, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var send = await db.Sends.SingleAsync(s => s.Id == sendId, ct);
        if (send.Status != SendStatus.Sending) return SendOutcome.Skipped;
        var now = time.GetUtcNow();

        var decision = await gate.CheckAsync(db, send, now, ct);
        switch (decision)
        {
            case GateDecision.Stop stop:
                await using (var transaction = await db.Database.BeginTransactionAsync(ct))
                {
                    send.Cancel(stop.Reason);
                    if (stop.EndEnrollment) await EndEnrollmentAsync(db, send.EnrollmentId, now, stop.Reason, ct);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                }
                return SendOutcome.Canceled;
            case GateDecision.Wait wait:
                send.Defer(wait.Until, wait.Reason);
                await db.SaveChangesAsync(ct);
                return SendOutcome.Deferred;
        }
        var go = (GateDecision.Go)decision;

        RenderedMessage message;
        try
        {
            var chosen = await variants.ChooseAsync(db, send.CompanyId, send.StepId, go.Subject.Kind, go.Subject.Id, go.Template, ct);
            send.UseVariant(chosen.Key);
            var subject = await variables.LoadAsync(db, go.Company, go.Playbook.Type, go.Playbook.GoalPlanId, go.Subject.Kind, go.Subject.Id, now, ct);
            await links.UseTrackedCheckoutAsync(subject, chosen.Template, send, ct);
            message = await templates.RenderAsync(chosen.Template, subject.Values);
        }
        catch (TemplateRenderException e)
        {
            send.Fail(e.Message, attempted: false);
            await db.SaveChangesAsync(ct);
            return SendOutcome.Failed;
        }

        calledWhop.Value = true;
        try
        {
            var externalId = await messenger.DeliverAsync(send.Channel, send.CompanyId, go.Company.WhopExperienceId, go.Subject.WhopUserId,
                links.ForDelivery(message, send), $"/messages/{send.Id}", $"ra-send-{send.Id}", ct);
            var sentAt = time.GetUtcNow();
            send.MarkSent(sentAt, externalId, message);
            await db.SaveChangesAsync(ct);
            await CompleteIfLastAsync(db, send, sentAt, ct);
            return SendOutcome.Sent;
        }
        catch (Exception e) when (!ct.IsCancellationRequested
                                  && e is WhopApiException or WhopDeliveryException or HttpRequestException or TimeoutRejectedException or TaskCanceledException)
        {
            return await RecordFailureAsync(db, send, e, ct);
        }
    }

    private async Task<SendOutcome> RecordFailureAsync(RevenueAngelDbContext db, Send send, Exception error, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reason = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
        SendOutcome outcome;
        if (error is WhopApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } limited)
        {
            var until = now + (limited.RetryAfter ?? TimeSpan.FromSeconds(Options.RateLimitPauseSeconds));
            throttle.PauseUntil(until);
            LogRateLimited(until);
            send.Defer(until, "Whop rate limit: waiting before the next send");
            outcome = SendOutcome.Deferred;
        }
        else if ((error is not (WhopApiException or WhopDeliveryException) || error is WhopApiException { IsTransient: true })
                 && send.Attempts + 1 < Options.MaxAttempts)
        {
            var wait = TimeSpan.FromSeconds(Math.Min(3600, Options.RetryBaseSeconds * Math.Pow(2, send.Attempts)));
            send.Retry(now + wait, reason);
            outcome = SendOutcome.Retrying;
        }
        else
        {
            send.Fail(send.Attempts + 1 >= Options.MaxAttempts && error is not WhopDeliveryException
                ? $"Gave up after {send.Attempts + 1} attempts: {reason}" : reason, attempted: error is not WhopDeliveryException);
            LogFailed(send.Id, send.LastError!);
            outcome = SendOutcome.Failed;
        }
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// Sends claimed before a 429 paused the dispatcher go back to `scheduled`, untouched.
    private async Task ReleaseAsync(IReadOnlyList<long> ids, DateTimeOffset until, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Sends.Where(s => ids.Contains(s.Id) && s.Status == SendStatus.Sending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SendStatus.Scheduled)
                .SetProperty(s => s.ScheduledFor, until)
                .SetProperty(s => s.LeaseExpiresAt, (DateTimeOffset?)null), ct);
    }

    private static async Task EndEnrollmentAsync(RevenueAngelDbContext db, long enrollmentId, DateTimeOffset now, string reason, CancellationToken ct)
    {
        var enrollment = await db.Enrollments.SingleAsync(e => e.Id == enrollmentId, ct);
        if (enrollment.Status != EnrollmentStatus.Active) return;
        enrollment.Exit(now, reason);
        await SequenceStops.CancelSendsAsync(db, db.Enrollments.Where(e => e.Id == enrollmentId).Select(e => e.Id), reason, ct);
    }

    private static async Task CompleteIfLastAsync(RevenueAngelDbContext db, Send send, DateTimeOffset at, CancellationToken ct)
    {
        var pending = await db.Sends.AnyAsync(s => s.EnrollmentId == send.EnrollmentId
                                                   && (s.Status == SendStatus.Scheduled || s.Status == SendStatus.Sending), ct);
        var laterSteps = await db.PlaybookSteps.AnyAsync(st => st.PlaybookId == send.PlaybookId && !st.Archived
            && st.Position > db.PlaybookSteps.Where(x => x.Id == send.StepId).Select(x => x.Position).First(), ct);
        if (pending || laterSteps) return;
        var enrollment = await db.Enrollments.SingleAsync(e => e.Id == send.EnrollmentId, ct);
        if (enrollment.Status != EnrollmentStatus.Active) return;
        enrollment.Complete(at);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "{Count} sends were claimed but never finished before their lease expired; marked unknown, not resent")]
    private partial void LogLeasesExpired(int count);

    [LoggerMessage(LogLevel.Warning, "Whop rate-limited message delivery; dispatch paused until {Until}")]
    private partial void LogRateLimited(DateTimeOffset until);

    [LoggerMessage(LogLevel.Error, "Dispatching send {SendId} failed before Whop was called; it is retried in a minute")]
    private partial void LogDispatchError(Exception exception, long sendId);

    [LoggerMessage(LogLevel.Warning, "Send {SendId} failed: {Reason}")]
    private partial void LogFailed(long sendId, string reason);
}
