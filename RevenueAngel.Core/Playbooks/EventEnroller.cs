using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Playbooks;

/// Enrols one member into the company's enabled playbooks that a Whop event triggers (a failed payment, a
/// cancellation request, a membership ending), deciding the target rules in memory, and schedules their sends.
/// Runs in the caller's transaction. The trigger key (the failed payment's id) makes a redelivered event enrol
/// nobody twice: a unique index backs it.
public sealed class EventEnroller(TimeProvider time)
{
    /// The playbooks an event of <paramref name="trigger"/> enrols a member into.
    public static IQueryable<Playbook> Triggered(RevenueAngelDbContext db, string companyId, PlaybookTrigger trigger) =>
        db.Playbooks.Where(p => p.CompanyId == companyId && p.Enabled && p.DeletedAt == null && p.Trigger == trigger && p.Type != PlaybookType.Nurture);

    /// <param name="nextRetry">For a failed payment: Whop's next automatic retry, which steps may be timed before.</param>
    public async Task<IReadOnlyList<Enrollment>> EnrollAsync(RevenueAngelDbContext db, string companyId, long memberId, PlaybookTrigger trigger,
        string triggerKey, CancellationToken ct, DateTimeOffset? nextRetry = null)
    {
        if (trigger == PlaybookTrigger.SegmentEntry) throw new ArgumentException("Segment entry is the scheduler's, not an event's.", nameof(trigger));
        var playbooks = await Triggered(db, companyId, trigger).Include(p => p.Steps).ToListAsync(ct);
        if (playbooks.Count == 0) return [];

        var now = time.GetUtcNow();
        var facts = (await Audience.LoadMemberFactsAsync(db, companyId, [memberId], ct)).SingleOrDefault();
        if (facts is null) return [];
        var enrolled = new List<Enrollment>();
        foreach (var playbook in playbooks)
        {
            var (rule, problems) = TargetRulesJson.Parse(playbook.TargetRules, SubjectKind.Member);
            if (problems.Count > 0 || !InMemoryRuleEvaluator.Matches(rule, facts, now)) continue;
            var mine = db.Enrollments.Where(e => e.PlaybookId == playbook.Id && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId);
            if (await mine.AnyAsync(e => e.TriggerKey == triggerKey, ct)
                || await mine.Where(EntryRules.Blocks(EntryRules.ReentryCutoff(playbook, now))).AnyAsync(ct)) continue;

            var enrollment = new Enrollment
            {
                CompanyId = companyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Member, SubjectId = memberId,
                EntryNumber = await mine.CountAsync(ct) + 1,
                Group = HoldoutSplit.GroupOf(playbook.Id, SubjectKind.Member, memberId, playbook.HoldoutPercent),
                EnteredAt = now, TriggerKey = triggerKey,
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(ct);
            if (enrollment.Group != HoldoutSplit.Holdout)
            {
                foreach (var (step, due) in EntryRules.StepDueTimes(playbook, now, nextRetry))
                    db.Sends.Add(Send.Schedule(companyId, playbook.Id, step.Id, enrollment.Id, step.Channel, due));
                await db.SaveChangesAsync(ct);
            }
            enrolled.Add(enrollment);
        }
        return enrolled;
    }
}
