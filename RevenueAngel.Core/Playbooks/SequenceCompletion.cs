using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// When a messaged sequence is done: it was given its sends and none is still waiting or going out. One rule for
/// the dispatcher (after a sequence's last send) and the scheduler's sweep.
public static class SequenceCompletion
{
    public static IQueryable<Enrollment> WithNothingLeftToSend(this IQueryable<Enrollment> enrollments, RevenueAngelDbContext db) =>
        enrollments.Where(e => e.Status == EnrollmentStatus.Active
                               && db.Sends.Any(s => s.EnrollmentId == e.Id)
                               && !db.Sends.Any(s => s.EnrollmentId == e.Id && (s.Status == SendStatus.Scheduled || s.Status == SendStatus.Sending)));
}
