using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Playbooks;

public sealed record SchedulerRun(int Playbooks, int Enrolled, int SendsScheduled, int Exited, int Completed);

/// The minute job's work over every enabled playbook: enrol new matches and schedule their sends (SegmentEnroller),
/// end the sequences of subjects that match the exit rules, and complete enrolments with nothing left to send.
/// Every step is set-based and idempotent: a second run, or one on another replica, finds nothing new.
public sealed partial class PlaybookScheduler(IDbContextFactory<RevenueAngelDbContext> contexts, SegmentEnroller enroller, TimeProvider time,
    ILogger<PlaybookScheduler> logger)
{
    public async Task<SchedulerRun> RunAsync(CancellationToken ct = default)
    {
        List<long> ids;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            ids = await db.Playbooks.Where(p => p.Enabled && p.DeletedAt == null).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);

        var total = new SchedulerRun(ids.Count, 0, 0, 0, 0);
        foreach (var id in ids)
        {
            try
            {
                var exited = await ApplyExitRulesAsync(id, ct);
                var run = await enroller.EnrollAsync(id, ct);
                var completed = await CompleteFinishedAsync(id, ct);
                total = total with
                {
                    Enrolled = total.Enrolled + run.Enrolled, SendsScheduled = total.SendsScheduled + run.SendsScheduled,
                    Exited = total.Exited + exited, Completed = total.Completed + completed,
                };
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // One playbook's trouble must not stop the others; the next run tries again.
                LogPlaybookFailed(e, id);
            }
        }
        return total;
    }

    private async Task<int> ApplyExitRulesAsync(long playbookId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(p => p.Id == playbookId, ct);
        var kind = playbook.Type.Subject();
        var (rule, problems) = TargetRulesJson.Parse(playbook.ExitRules, kind);
        if (rule is null || problems.Count > 0) return 0;

        var evaluator = new SqlRuleEvaluator(db, time.GetUtcNow());
        var matching = evaluator.Matching(playbook.CompanyId, kind, rule);
        var leaving = db.Enrollments.Where(e => e.PlaybookId == playbookId && e.Status == EnrollmentStatus.Active && e.SubjectKind == kind
                                                && matching.Contains(e.SubjectId));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SequenceStops.CancelSendsAsync(db, leaving.Select(e => e.Id), Enrollment.ExitRuleReason, ct);
        var exited = await leaving.ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, EnrollmentStatus.Exited)
            .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(time.GetUtcNow()))
            .SetProperty(e => e.EndReason, Enrollment.ExitRuleReason), ct);
        await transaction.CommitAsync(ct);
        return exited;
    }

    /// Messaged enrolments whose sends are all done, and held-out ones whose sequence would have ended by now.
    private async Task<int> CompleteFinishedAsync(long playbookId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var length = TimeSpan.FromMinutes(await db.PlaybookSteps.Where(s => s.PlaybookId == playbookId && !s.Archived).SumAsync(s => s.DelayMinutes, ct));
        var holdoutDone = now - length;
        var active = db.Enrollments.Where(e => e.PlaybookId == playbookId && e.Status == EnrollmentStatus.Active);
        var heldOutDone = active.Where(e => e.Group == HoldoutSplit.Holdout && e.EnteredAt <= holdoutDone);
        var messagedDone = active.Where(e => e.Group != HoldoutSplit.Holdout).WithNothingLeftToSend(db);
        return await CompleteAsync(heldOutDone, now, ct) + await CompleteAsync(messagedDone, now, ct);
    }

    private static Task<int> CompleteAsync(IQueryable<Enrollment> done, DateTimeOffset now, CancellationToken ct) =>
        done.ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, EnrollmentStatus.Completed)
            .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(now))
            .SetProperty(e => e.EndReason, Enrollment.CompletedReason), ct);

    [LoggerMessage(LogLevel.Error, "Scheduling playbook {PlaybookId} failed; the next run retries")]
    private partial void LogPlaybookFailed(Exception exception, long playbookId);
}
