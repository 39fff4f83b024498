using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// A subject reached a goal (paid, upgraded, recovered, withdrew a cancellation): their active enrolments in
/// playbooks with that goal convert and the remaining scheduled sends are canceled, in the caller's transaction
/// (the one that records the conversion).
public static class GoalTracker
{
    /// <param name="planId">For an upgrade: the plan reached; a playbook aiming at another named plan keeps going.</param>
    /// <returns>The converted enrolments' ids.</returns>
    public static async Task<IReadOnlyList<long>> ReachGoalAsync(RevenueAngelDbContext db, string companyId, SubjectKind kind, long subjectId,
        PlaybookGoal goal, DateTimeOffset at, string? planId = null, CancellationToken ct = default)
    {
        var playbooks = db.Playbooks.Where(p => p.CompanyId == companyId && p.Goal == goal
                                                && (goal != PlaybookGoal.Upgrade || p.GoalPlanId == null || p.GoalPlanId == planId));
        var ids = await db.Enrollments
            .Where(e => e.CompanyId == companyId && e.SubjectKind == kind && e.SubjectId == subjectId && e.Status == EnrollmentStatus.Active
                        && playbooks.Any(p => p.Id == e.PlaybookId))
            .Select(e => e.Id).ToListAsync(ct);
        if (ids.Count == 0) return ids;
        await SequenceStops.CancelSendsAsync(db, db.Enrollments.Where(e => ids.Contains(e.Id)).Select(e => e.Id), Enrollment.GoalReason, ct);
        await db.Enrollments.Where(e => ids.Contains(e.Id) && e.Status == EnrollmentStatus.Active)
            .ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrollmentStatus.Converted)
                .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(at))
                .SetProperty(e => e.EndReason, Enrollment.GoalReason), ct);
        return ids;
    }
}
