using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// Set-based ends of sequences, run inside the caller's transaction so the enrolments and their scheduled sends
/// change together.
public static class SequenceStops
{
    /// A playbook switched off or deleted: its active enrolments exit and their scheduled sends are canceled.
    public static async Task StopPlaybookAsync(RevenueAngelDbContext db, long playbookId, DateTimeOffset at, string reason, CancellationToken ct)
    {
        await db.Sends.Where(s => s.PlaybookId == playbookId && s.Status == SendStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Canceled).SetProperty(s => s.LastError, reason), ct);
        await db.Enrollments.Where(e => e.PlaybookId == playbookId && e.Status == EnrollmentStatus.Active)
            .ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrollmentStatus.Exited)
                .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(at))
                .SetProperty(e => e.EndReason, reason), ct);
    }

    /// Cancels the scheduled sends of the given enrolments (goal reached, exit rule, no longer eligible).
    public static Task<int> CancelSendsAsync(RevenueAngelDbContext db, IQueryable<long> enrollmentIds, string reason, CancellationToken ct) =>
        db.Sends.Where(s => s.Status == SendStatus.Scheduled && enrollmentIds.Contains(s.EnrollmentId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Canceled).SetProperty(s => s.LastError, reason), ct);

    /// The given enrolments, where still active, exit for <paramref name="reason"/> and their scheduled sends are canceled.
    public static async Task ExitAsync(RevenueAngelDbContext db, IReadOnlyCollection<long> enrollmentIds, DateTimeOffset at, string reason,
        CancellationToken ct)
    {
        var leaving = db.Enrollments.Where(e => enrollmentIds.Contains(e.Id) && e.Status == EnrollmentStatus.Active);
        await CancelSendsAsync(db, leaving.Select(e => e.Id), reason, ct);
        await leaving.ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, EnrollmentStatus.Exited)
            .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(at))
            .SetProperty(e => e.EndReason, reason), ct);
    }
}
