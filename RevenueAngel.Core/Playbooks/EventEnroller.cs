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
    public async Task<IReadOnlyList<Enrollment>> EnrollAsync(RevenueAngelDbContext db, string companyId, long memberId, PlaybookTrigger trigger,
        string triggerKey, CancellationToken ct)
    {
        if (trigger == PlaybookTrigger.SegmentEntry) throw new ArgumentException("Segment entry is the scheduler's, not an event's.", nameof(trigger));
        var playbooks = await db.Playbooks.Include(p => p.Steps)
            .Where(p => p.CompanyId == companyId && p.Enabled && p.DeletedAt == null && p.Trigger == trigger && p.Type != PlaybookType.Nurture)
            .ToListAsync(ct);
        if (playbooks.Count == 0) return [];

        var now = time.GetUtcNow();
        var facts = (await Audience.LoadMemberFactsAsync(db, companyId, [memberId], ct)).SingleOrDefault();
        if (facts is null) return [];
        var enrolled = new List<Enrollment>();
        foreach (var playbook in playbooks)
        {
            var (rule, problems) = TargetRulesJson.Parse(playbook.TargetRules, SubjectKind.Member);
            if (problems.Count > 0 || !InMemoryRuleEvaluator.Matches(rule, facts, now)) continue;
            var history = await db.Enrollments.Where(e => e.PlaybookId == playbook.Id && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId)
                .Select(e => new { e.Status, e.EndedAt, e.TriggerKey }).ToListAsync(ct);
            if (history.Any(e => e.TriggerKey == triggerKey || e.Status == EnrollmentStatus.Active)) continue;
            if (history.Count > 0 && (playbook.ReentryAfterDays is not { } days || history.Any(e => e.EndedAt > now.AddDays(-days)))) continue;

            var enrollment = new Enrollment
            {
                CompanyId = companyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Member, SubjectId = memberId,
                EntryNumber = history.Count + 1, Group = HoldoutSplit.GroupOf(memberId, playbook.Id, playbook.HoldoutPercent),
                EnteredAt = now, TriggerKey = triggerKey,
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(ct);
            if (enrollment.Group != HoldoutSplit.Holdout)
            {
                var at = now;
                foreach (var step in playbook.Steps.Where(s => !s.Archived).OrderBy(s => s.Position))
                {
                    at = at.AddMinutes(step.DelayMinutes);
                    db.Sends.Add(Send.Schedule(companyId, playbook.Id, step.Id, enrollment.Id, step.Channel, at));
                }
                await db.SaveChangesAsync(ct);
            }
            enrolled.Add(enrollment);
        }
        return enrolled;
    }
}
