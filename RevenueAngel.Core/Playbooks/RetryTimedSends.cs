using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// Keeps steps timed before Whop's next retry on time when Whop moves it: a retry that failed again comes as
/// another payment.failed for the same payment, with the next attempt later (or none).
internal static class RetryTimedSends
{
    public static async Task FollowAsync(RevenueAngelDbContext db, string companyId, string paymentId, DateTimeOffset? nextRetry, DateTimeOffset now,
        CancellationToken ct)
    {
        var enrollments = await db.Enrollments
            .Where(e => e.CompanyId == companyId && e.TriggerKey == paymentId && e.Status == EnrollmentStatus.Active).ToListAsync(ct);
        foreach (var enrollment in enrollments)
        {
            var playbook = await db.Playbooks.Include(p => p.Steps).SingleAsync(p => p.Id == enrollment.PlaybookId, ct);
            if (!playbook.Steps.Any(s => s.Timing == StepTiming.BeforeNextRetry && !s.Archived)) continue;
            foreach (var (step, due) in EntryRules.StepDueTimes(playbook, enrollment.EnteredAt, nextRetry))
            {
                var at = due > now ? due : now;
                var stepId = step.Id;
                await db.Sends.Where(s => s.EnrollmentId == enrollment.Id && s.StepId == stepId && s.Status == SendStatus.Scheduled)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduledFor, at), ct);
            }
        }
    }
}
