using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Dispatch;

/// Sends what is due, safely, a batch at a time: claims under a lease, re-checks the batch just before Whop is called
/// (still active, still eligible, not outranked, within the frequency cap, outside quiet hours) from rows read in a
/// fixed number of statements (DispatchBatch), renders in memory and delivers in waves with bounded concurrency, at
/// most at each company's send rate; outcomes are written a wave at a time. Deferrals move a send later and never
/// drop it. A send is `unknown` only when Whop may have received it, or when the process died in its wave after the
/// wave's call start was recorded; one that Whop was never called for otherwise goes back to `scheduled` with its
/// attempts untouched.
public sealed partial class Dispatcher(
    RepeatingWorkContexts contexts,
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
    IOptions<Whop.WhopOptions> whopOptions,
    TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private DispatchOptions Options => dispatchOptions.Value;

    public async Task<DispatchRun> RunAsync(CancellationToken ct = default)
    {
        int unknown;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            (unknown, var released) = await SendClaims.ExpireLeasesAsync(db, time.GetUtcNow(), ct);
            if (unknown > 0) LogLeasesExpired(unknown);
            if (released > 0) LogLeasesReleased(released);
        }

        var run = DispatchRun.Empty with { Unknown = unknown };
        while (!ct.IsCancellationRequested && throttle.PausedUntil is null)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count > 0) run = run.Plus(await DispatchBatchAsync(claimed, ct));
            if (claimed.Count < Options.BatchSize) break;
        }
        return run;
    }

    private async Task<IReadOnlyList<ClaimedSend>> ClaimAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await SendClaims.ClaimAsync(db, now, now.AddSeconds(Options.LeaseSeconds), messagingOptions.Value.SendsPerMinute,
            Options.BatchSize, company => throttle.CompanyPausedUntil(company) is not null, ct);
        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// One batch: checked and prepared from one read of its rows, then delivered wave by wave. A problem before any
    /// call puts the whole batch back untouched; after that each send's outcome depends on how far it got.
    private async Task<DispatchRun> DispatchBatchAsync(IReadOnlyList<ClaimedSend> claimed, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        DispatchRun run;
        List<ReadySend> ready;
        try
        {
            var batch = await DispatchBatch.LoadAsync(db, [.. claimed.Select(c => c.Id)], now, ct);
            (run, ready) = await CheckAsync(db, batch, now, ct);
            await PrepareAsync(db, batch, ready, now, ct);
        }
        catch (Exception e)
        {
            var stopping = e is OperationCanceledException && ct.IsCancellationRequested;
            if (!stopping) LogBatchError(e, claimed.Count);
            // Whatever was already decided (canceled, deferred) stays; only what is still `sending` goes back.
            await ReleaseQuietlyAsync([.. claimed.Select(c => c.Id)], stopping ? null : time.GetUtcNow().AddMinutes(1), null);
            return DispatchRun.Empty with { Deferred = claimed.Count };
        }

        var pending = new Queue<ReadySend>(ready.Where(r => r.Problem is null));
        run = run.Plus(await RecordUnpreparedAsync(db, [.. ready.Where(r => r.Problem is not null)]));
        var waveSize = 1;
        while (pending.Count > 0)
        {
            if (ct.IsCancellationRequested)
            {
                // Stopping: what was claimed but not tried goes back as it was, due again at once.
                var untried = pending.ToList();
                Forget(db, untried);
                await ReleaseQuietlyAsync([.. untried.Select(r => r.Send.Id)], null, null);
                run = run with { Deferred = run.Deferred + untried.Count };
                break;
            }
            var wave = new List<ReadySend>();
            while (wave.Count < waveSize && pending.TryDequeue(out var next)) wave.Add(next);
            var (waveRun, clean) = await DeliverWaveAsync(db, wave, ct);
            run = run.Plus(waveRun);
            waveSize = clean ? Options.DeliveryWave : 1;
        }
        return run;
    }

    /// The checks of every send of the batch, in memory; what they stop or defer is written at once, with the
    /// enrolments they end, in one transaction.
    private async Task<(DispatchRun Run, List<ReadySend> Ready)> CheckAsync(RevenueAngelDbContext db, DispatchBatch batch, DateTimeOffset now,
        CancellationToken ct)
    {
        var run = DispatchRun.Empty;
        var ready = new List<ReadySend>();
        var ending = new List<(long EnrollmentId, string Reason)>();
        foreach (var send in batch.Sends)
        {
            if (send.Status != SendStatus.Sending)
            {
                db.Entry(send).State = EntityState.Detached;
                continue;
            }
            if (throttle.CompanyPausedUntil(send.CompanyId) is { } resumeAt)
            {
                // Paused by a 429 or by this company's outage: back, untouched, for when dispatch resumes.
                send.Defer(resumeAt, "Whop unavailable: waiting for dispatch to resume");
                run = run.Add(SendOutcome.Deferred);
                continue;
            }
            switch (gate.Check(send, batch, now))
            {
                case GateDecision.Stop stop:
                    send.Cancel(stop.Reason);
                    if (stop.EndEnrollment) ending.Add((send.EnrollmentId, stop.Reason));
                    run = run.Add(SendOutcome.Canceled);
                    break;
                case GateDecision.Wait wait:
                    send.Defer(wait.Until, wait.Reason);
                    run = run.Add(SendOutcome.Deferred);
                    break;
                case GateDecision.Go go:
                    if (send.Channel != go.Route.Channel) send.UseChannel(go.Route.Channel);
                    batch.CountTowardsCap(send.CompanyId, go.Subject.Kind, go.Subject.Id, now);
                    ready.Add(new ReadySend(send, go, batch.IsLastStep(send)));
                    break;
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SendBatchWrite.SaveAsync(db, ct);
        foreach (var reason in ending.GroupBy(e => e.Reason))
            await SequenceStops.ExitAsync(db, [.. reason.Select(e => e.EnrollmentId).Distinct()], now, reason.Key, ct);
        await transaction.CommitAsync(ct);
        return (run, ready);
    }

    /// Variants (stored assignments read and new ones written once for the batch; a send takes its own when its call
    /// begins), variables from the batch's rows, and each save offer a step makes. A send that cannot be prepared keeps its problem for RecordUnpreparedAsync.
    private async Task PrepareAsync(RevenueAngelDbContext db, DispatchBatch batch, List<ReadySend> ready, DateTimeOffset now, CancellationToken ct)
    {
        var chosen = await variants.ChooseAsync(db, [.. ready.Select(r => new VariantRequest(r.Send.CompanyId, batch.Steps[r.Send.StepId],
            r.Go.Subject.Kind, r.Go.Subject.Id, r.Go.Template))], batch.Templates, ct);
        for (var i = 0; i < ready.Count; i++)
        {
            var (send, go) = (ready[i].Send, ready[i].Go);
            try
            {
                ready[i].Variant = chosen[i].Key;
                ready[i].Template = chosen[i].Template;
                ready[i].Values = variables.Of(batch.Variables, go.Company, go.Playbook.Type, go.Playbook.GoalPlanId, go.Subject.Kind, go.Subject.Id, now);
                // Per send only where a step makes an offer: each is a new offer of its own.
                if (batch.Steps[send.StepId].OfferKind is not null)
                    ready[i].OfferPath = await stepOffers.AttachAsync(db, go.Company, go.Subject, send, ready[i].Values!, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                ready[i].Problem = e;
            }
        }
    }

    private static void Forget(RevenueAngelDbContext db, IEnumerable<ReadySend> sends)
    {
        foreach (var ready in sends) db.Entry(ready.Send).State = EntityState.Detached;
    }

    private static string Trim(string text) => text.Length > 1000 ? text[..1000] : text;
}
