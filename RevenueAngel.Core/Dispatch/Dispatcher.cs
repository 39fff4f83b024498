using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
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
/// delivers it, at most at each company's send rate. Deferrals move a send later and never drop it. A send is
/// `unknown` only when Whop may have received it; one that Whop was never called for always goes back to
/// `scheduled` with its attempts untouched.
public sealed partial class Dispatcher(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    SendGate gate,
    SubjectVariables variables,
    LiquidTemplates templates,
    StepVariantChooser variants,
    WhopMessenger messenger,
    Email.EmailMessenger email,
    TrackedLinks links,
    Offers.StepOffers stepOffers,
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
        IReadOnlyList<ClaimedSend> claimed;
        int unknown;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            (unknown, var released) = await SendClaims.ExpireLeasesAsync(db, now, ct);
            if (unknown > 0) LogLeasesExpired(unknown);
            if (released > 0) LogLeasesReleased(released);
            if (throttle.PausedUntil is not null) return DispatchRun.Empty with { Unknown = unknown };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            claimed = await SendClaims.ClaimAsync(db, now, now.AddSeconds(Options.LeaseSeconds), messagingOptions.Value.SendsPerMinute,
                company => throttle.CompanyPausedUntil(company) is not null, ct);
            await transaction.CommitAsync(ct);
        }

        var run = DispatchRun.Empty with { Unknown = unknown };
        for (var i = 0; i < claimed.Count; i++)
        {
            if (ct.IsCancellationRequested)
            {
                // Stopping: what was claimed but not tried goes back as it was, due again at once.
                await ReleaseQuietlyAsync([.. claimed.Skip(i).Select(c => c.Id)], null, null);
                run = run with { Deferred = run.Deferred + claimed.Count - i };
                break;
            }
            if (throttle.CompanyPausedUntil(claimed[i].CompanyId) is { } resumeAt)
            {
                // Paused by a 429 or by this company's outage: back, untouched, for when dispatch resumes.
                await ReleaseQuietlyAsync([claimed[i].Id], resumeAt, "Whop unavailable: waiting for dispatch to resume");
                run = run.Add(SendOutcome.Deferred);
                continue;
            }
            run = run.Add(await DispatchOneAsync(claimed[i], ct));
        }
        return run;
    }

    /// One send's problem stays with that send, decided by how far it got: before Whop was called it goes back
    /// untouched; during the call it is `unknown`; after Whop accepted it, it is recorded `sent` (or `unknown`).
    private async Task<SendOutcome> DispatchOneAsync(ClaimedSend claim, CancellationToken ct)
    {
        var call = new CallProgress();
        try
        {
            return await DispatchAsync(claim, call, ct);
        }
        catch (Exception e) when (call.Stage == CallStage.NotCalled)
        {
            if (e is BrokenCircuitException or WhopQueueFullException)
            {
                var resumeAt = throttle.PauseCompany(claim.CompanyId);
                LogOutage(claim.CompanyId, resumeAt, e.Message);
                await ReleaseQuietlyAsync([claim.Id], resumeAt, $"Whop unavailable, not called: {Trim(e.Message)}");
            }
            else if (e is OperationCanceledException && ct.IsCancellationRequested)
            {
                await ReleaseQuietlyAsync([claim.Id], null, null);
            }
            else
            {
                // Whop failing before the message call (its checkout link) counts towards an outage too.
                if (e is HttpRequestException or TimeoutRejectedException && throttle.RecordTransientFailure(claim.CompanyId))
                    LogOutage(claim.CompanyId, throttle.CompanyPausedUntil(claim.CompanyId) ?? time.GetUtcNow(), e.Message);
                LogDispatchError(e, claim.Id);
                await ReleaseQuietlyAsync([claim.Id], time.GetUtcNow().AddMinutes(1), null);
            }
            return SendOutcome.Deferred;
        }
        catch (Exception e) when (call.Stage == CallStage.Calling)
        {
            var reason = e is OperationCanceledException && ct.IsCancellationRequested
                ? "the app stopped while Whop was being called; not resent to avoid a duplicate"
                : $"Whop's answer could not be read ({Trim(e.Message)}); not resent to avoid a duplicate";
            LogUnknown(e, claim.Id, reason);
            return await MarkUnknownQuietlyAsync(claim.Id, reason);
        }
        catch (Exception e) when (call.Stage == CallStage.Refused)
        {
            // Whop answered with an error, so it has nothing; the failure could not be recorded: back, as it was.
            LogDispatchError(e, claim.Id);
            await ReleaseQuietlyAsync([claim.Id], time.GetUtcNow().AddMinutes(1), null);
            return SendOutcome.Deferred;
        }
        catch (Exception e) when (call.Stage == CallStage.Delivered)
        {
            LogRecordingFailed(e, claim.Id);
            return await RecordDeliveredAsync(claim.Id, call);
        }
        catch (Exception e) when (call.Stage == CallStage.Recorded)
        {
            // Sent and recorded; only completing the enrolment failed, and the next send or sweep completes it.
            LogDispatchError(e, claim.Id);
            return SendOutcome.Sent;
        }
    }

    private async Task<SendOutcome> DispatchAsync(ClaimedSend claim, CallProgress call, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var send = await db.Sends.SingleAsync(s => s.Id == claim.Id, ct);
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
        if (send.Channel != go.Route.Channel) send.UseChannel(go.Route.Channel);

        RenderedMessage message;
        string? offerPath;
        try
        {
            var chosen = await variants.ChooseAsync(db, send.CompanyId, send.StepId, go.Subject.Kind, go.Subject.Id, go.Template, ct);
            send.UseVariant(chosen.Key);
            var subject = await variables.LoadAsync(db, go.Company, go.Playbook.Type, go.Playbook.GoalPlanId, go.Subject.Kind, go.Subject.Id, now, ct);
            offerPath = await stepOffers.AttachAsync(db, go.Company, go.Subject, send, subject, ct);
            await links.UseTrackedCheckoutAsync(subject, chosen.Template, send, ct, offerUrlTaken: offerPath is not null);
            message = await templates.RenderAsync(chosen.Template, subject.Values, channel: send.Channel);
        }
        catch (TemplateRenderException e)
        {
            send.Fail(e.Message, attempted: false);
            await db.SaveChangesAsync(ct);
            return SendOutcome.Failed;
        }

        // Our lease ran out while we got here (another dispatcher may take it now): leave it, call nothing.
        var callAt = time.GetUtcNow();
        if (send.LeaseExpiresAt is not { } lease || lease <= callAt) return SendOutcome.Skipped;
        var delivered = links.ForDelivery(message, send);
        send.BeginCall(callAt, callAt.AddSeconds(Options.LeaseSeconds));
        await db.SaveChangesAsync(ct);

        call.Stage = CallStage.Calling;
        string? externalId;
        try
        {
            externalId = await DeliverOnRouteAsync(send, go, delivered, offerPath ?? $"/messages/{send.Id}", ct);
        }
        catch (Exception e) when (e is BrokenCircuitException or WhopQueueFullException)
        {
            // Refused inside this process before anything went out.
            call.Stage = CallStage.NotCalled;
            throw;
        }
        catch (Exception e) when (!ct.IsCancellationRequested
                                  && e is WhopApiException or WhopDeliveryException or HttpRequestException or TimeoutRejectedException or TaskCanceledException
                                      or Email.EmailDeliveryException)
        {
            call.Stage = CallStage.Refused;
            return e is Email.EmailDeliveryException refused
                ? await RecordEmailFailureAsync(db, send, go.Route, refused, ct)
                : await RecordFailureAsync(db, send, e, ct);
        }

        call.Delivered(time.GetUtcNow(), externalId, message);
        throttle.RecordSuccess(send.CompanyId);
        send.MarkSent(call.SentAt, externalId, message);
        await db.SaveChangesAsync(ct);
        call.Stage = CallStage.Recorded;
        await CompleteIfLastAsync(db, send, call.SentAt, ct);
        return SendOutcome.Sent;
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
        var laterSteps = await db.PlaybookSteps.AnyAsync(st => st.PlaybookId == send.PlaybookId && !st.Archived
            && st.Position > db.PlaybookSteps.Where(x => x.Id == send.StepId).Select(x => x.Position).First(), ct);
        if (laterSteps) return;
        var enrollment = await db.Enrollments.Where(e => e.Id == send.EnrollmentId).WithNothingLeftToSend(db).SingleOrDefaultAsync(ct);
        if (enrollment is null) return;
        enrollment.Complete(at);
        await db.SaveChangesAsync(ct);
    }

    private static string Trim(string text) => text.Length > 1000 ? text[..1000] : text;
}
