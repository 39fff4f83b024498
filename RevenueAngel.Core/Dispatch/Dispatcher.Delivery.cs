using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// Delivery a wave at a time: render (and the tracked checkout link, a Whop call of its own) with bounded
/// concurrency; one write records that the wave's calls begin; the calls go out with bounded concurrency, each one
/// re-checking the company's pause first; one write records the outcomes.
public sealed partial class Dispatcher
{
    /// Clean when every call of the wave got through: the next wave may be full-size; otherwise it is a probe of one.
    private async Task<(DispatchRun Run, bool Clean)> DeliverWaveAsync(RevenueAngelDbContext db, List<ReadySend> wave, CancellationToken ct)
    {
        var run = DispatchRun.Empty;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.DeliveryConcurrency };
        var open = new List<ReadySend>();
        foreach (var ready in wave)
        {
            if (throttle.CompanyPausedUntil(ready.Send.CompanyId) is { } resumeAt)
            {
                ready.Send.Defer(resumeAt, "Whop unavailable: waiting for dispatch to resume");
                run = run.Add(SendOutcome.Deferred);
            }
            else open.Add(ready);
        }
        await Parallel.ForEachAsync(open, parallel, async (ready, _) => await RenderAsync(ready, ct));

        // Our lease ran out while we got here (another dispatcher may take it now): leave it, call nothing.
        var callAt = time.GetUtcNow();
        var calling = new List<ReadySend>();
        foreach (var ready in open)
        {
            if (ready.Problem is TemplateRenderException { TimedOut: true } slow && ready.Send.Attempts + 1 < Options.MaxAttempts)
            {
                // The template rendered within its budget when it was saved: a render past it now is most likely a busy
                // host, so the send tries again later, as after a transient Whop error, rather than fail for good.
                ready.Send.Retry(callAt + Options.RetryWait(ready.Send.Attempts + 1), slow.Message);
                run = run.Add(SendOutcome.Retrying);
            }
            else if (ready.Problem is TemplateRenderException refused)
            {
                ready.Send.UseVariant(ready.Variant!);
                ready.Send.Fail(refused.Message, attempted: false);
                run = run.Add(SendOutcome.Failed);
            }
            else if (ready.Problem is { } problem) run = run.Add(NotCalled(ready, problem, ct));
            else if (ready.Send.LeaseExpiresAt is not { } lease || lease <= callAt)
            {
                db.Entry(ready.Send).State = EntityState.Detached;
                run = run.Add(SendOutcome.Skipped);
            }
            else
            {
                ready.Delivered = links.ForDelivery(ready.Message!, ready.Send);
                ready.Send.UseVariant(ready.Variant!);
                ready.Send.BeginCall(callAt, callAt.AddSeconds(Options.LeaseSeconds));
                // A call that starts later could outlast the lease while Whop is still answering (a wave waits its turn).
                ready.CallBy = callAt.AddSeconds(Options.LeaseSeconds) - whopOptions.Value.TotalTimeout;
                calling.Add(ready);
            }
        }
        try
        {
            await SendBatchWrite.SaveAsync(db, ct);
        }
        catch (Exception e)
        {
            // Nothing of this wave was called: all of it goes back as it was.
            LogWaveError(e, wave.Count);
            Forget(db, wave);
            await ReleaseQuietlyAsync([.. wave.Select(r => r.Send.Id)], time.GetUtcNow().AddMinutes(1), null);
            return (DispatchRun.Empty with { Deferred = wave.Count }, false);
        }

        await Parallel.ForEachAsync(calling, parallel, async (ready, _) => await CallAsync(ready, ct));
        var clean = calling.All(r => r.Call.Stage == CallStage.Delivered);
        foreach (var ready in calling) run = run.Add(Settle(ready, ct));
        return (run.Plus(await RecordOutcomesAsync(db, calling)), clean);
    }

    private async Task RenderAsync(ReadySend ready, CancellationToken ct)
    {
        try
        {
            await links.UseTrackedCheckoutAsync(ready.Values!, ready.Template!, ready.Send, ct, offerUrlTaken: ready.OfferPath is not null);
            ready.Message = await templates.RenderAsync(ready.Template!, ready.Values!.Values, channel: ready.Send.Channel);
        }
        catch (Exception e)
        {
            ready.Problem = e;
        }
    }

    /// One call, run alongside the wave's others: it only records what happened (and tells the throttle at once, so
    /// the calls after it see a pause); the send itself changes afterwards, on the wave's context.
    private async Task CallAsync(ReadySend ready, CancellationToken ct)
    {
        var (send, go) = (ready.Send, ready.Go);
        if (throttle.CompanyPausedUntil(send.CompanyId) is { } resumeAt)
        {
            ready.PausedUntil = resumeAt;
            return;
        }
        if (time.GetUtcNow() > ready.CallBy)
        {
            ready.PausedUntil = send.ScheduledFor;
            return;
        }
        ready.Call.Stage = CallStage.Calling;
        try
        {
            var externalId = await DeliverOnRouteAsync(send, go, ready.Delivered!, ready.OfferPath ?? $"/messages/{send.Id}", ct);
            ready.Call.Delivered(time.GetUtcNow(), externalId, ready.Message!);
            throttle.RecordSuccess(send.CompanyId);
        }
        catch (Exception e) when (e is BrokenCircuitException or WhopQueueFullException)
        {
            // Refused inside this process before anything went out.
            ready.Call.Stage = CallStage.NotCalled;
            ready.Problem = e;
        }
        catch (Exception e) when (!ct.IsCancellationRequested
                                  && e is WhopApiException or WhopDeliveryException or HttpRequestException or TimeoutRejectedException or TaskCanceledException
                                      or Email.EmailDeliveryException)
        {
            ready.Call.Stage = CallStage.Refused;
            ready.Problem = e;
            ready.Verdict = e is Email.EmailDeliveryException refused ? JudgeEmailFailure(send, ready.Go.Route, refused) : JudgeFailure(send, e);
        }
        catch (Exception e)
        {
            // Still `Calling`: Whop may have it.
            ready.Problem = e;
        }
    }

    /// The send's change for what its call did, on the wave's context (written by RecordOutcomesAsync).
    private SendOutcome Settle(ReadySend ready, CancellationToken ct)
    {
        var send = ready.Send;
        switch (ready.Call.Stage)
        {
            case CallStage.Delivered:
                send.MarkSent(ready.Call.SentAt, ready.Call.ExternalId, ready.Call.Message);
                return SendOutcome.Sent;
            case CallStage.Refused:
                ready.Verdict!.Apply(send);
                return ready.Verdict.Outcome;
            case CallStage.Calling:
                var e = ready.Problem!;
                var reason = e is OperationCanceledException && ct.IsCancellationRequested
                    ? "the app stopped while Whop was being called; not resent to avoid a duplicate"
                    : $"Whop's answer could not be read ({Trim(e.Message)}); not resent to avoid a duplicate";
                LogUnknown(e, send.Id, reason);
                send.MarkUnknown(reason);
                return SendOutcome.Unknown;
            default:
                if (ready.PausedUntil is { } resumeAt)
                {
                    // Paused by a 429 or an outage seen by a call of this wave: back, untouched.
                    send.Defer(resumeAt, "Whop unavailable: waiting for dispatch to resume");
                    return SendOutcome.Deferred;
                }
                return NotCalled(ready, ready.Problem!, ct);
        }
    }

    /// Nothing went to Whop for this send: back to `scheduled` with its attempts untouched, when depending on why.
    private SendOutcome NotCalled(ReadySend ready, Exception e, CancellationToken ct)
    {
        var send = ready.Send;
        if (e is BrokenCircuitException or WhopQueueFullException)
        {
            var resumeAt = throttle.PauseCompany(send.CompanyId);
            LogOutage(send.CompanyId, resumeAt, e.Message);
            send.Defer(resumeAt, $"Whop unavailable, not called: {Trim(e.Message)}");
        }
        else if (e is OperationCanceledException && ct.IsCancellationRequested)
        {
            send.Defer(send.ScheduledFor);
        }
        else
        {
            // Whop failing before the message call (its checkout link) counts towards an outage too.
            if (e is HttpRequestException or TimeoutRejectedException && throttle.RecordTransientFailure(send.CompanyId))
                LogOutage(send.CompanyId, throttle.CompanyPausedUntil(send.CompanyId) ?? time.GetUtcNow(), e.Message);
            LogDispatchError(e, send.Id);
            send.Defer(time.GetUtcNow().AddMinutes(1));
        }
        return SendOutcome.Deferred;
    }

    /// Sends the batch could not prepare (their variables or offer failed): each goes back as NotCalled says.
    private async Task<DispatchRun> RecordUnpreparedAsync(RevenueAngelDbContext db, List<ReadySend> unprepared)
    {
        if (unprepared.Count == 0) return DispatchRun.Empty;
        var run = DispatchRun.Empty;
        foreach (var ready in unprepared) run = run.Add(NotCalled(ready, ready.Problem!, CancellationToken.None));
        try
        {
            await SendBatchWrite.SaveAsync(db, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWaveError(e, unprepared.Count);
            Forget(db, unprepared);
            await ReleaseQuietlyAsync([.. unprepared.Select(r => r.Send.Id)], time.GetUtcNow().AddMinutes(1), null);
        }
        Forget(db, unprepared);
        return run;
    }
}

/// One send of a batch on its way: what the checks decided, what it renders to, and how far its call got.
internal sealed class ReadySend(Send send, GateDecision.Go go, bool lastStep)
{
    public Send Send { get; } = send;
    public GateDecision.Go Go { get; } = go;
    /// Its step is the playbook's last: once sent, the enrolment may be complete.
    public bool LastStep { get; } = lastStep;
    public MessageTemplate? Template { get; set; }
    /// The variant chosen for it, taken by the send when its call begins.
    public string? Variant { get; set; }
    public SubjectValues? Values { get; set; }
    public string? OfferPath { get; set; }
    public RenderedMessage? Message { get; set; }
    /// The message as it goes out (tracked call to action).
    public RenderedMessage? Delivered { get; set; }
    public CallProgress Call { get; } = new();
    /// What went wrong on the way, read with Call.Stage.
    public Exception? Problem { get; set; }
    /// The company was paused by another call of the wave before this one went out (or its lease left too little time).
    public DateTimeOffset? PausedUntil { get; set; }
    /// The last moment its call may start and still finish within the lease.
    public DateTimeOffset CallBy { get; set; }
    /// Whop (or the mail server) refused it: what that means for the send.
    public FailureVerdict? Verdict { get; set; }
}

/// What a refused call means for its send (retry, defer or fail), decided when the answer came.
internal sealed record FailureVerdict(SendOutcome Outcome, Action<Send> Apply, string? SuppressAddress = null);
