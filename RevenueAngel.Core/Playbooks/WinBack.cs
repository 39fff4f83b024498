using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// A win-back's goal: the first paid payment of a membership other than the one that ended, while the member is in
/// a running win-back sequence that began before it.
public static class WinBack
{
    public static async Task<bool> IsWinBackAsync(RevenueAngelDbContext db, string companyId, long memberId, string membershipId, string paymentId,
        DateTimeOffset paidAt, CancellationToken ct)
    {
        // The deactivation's trigger key is "{membership}@{ticks}": the rejoin must be another membership.
        var endedPrefix = membershipId + "@";
        var enrolled = await db.Enrollments.AnyAsync(e => e.CompanyId == companyId && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId
            && e.Status == EnrollmentStatus.Active && e.EnteredAt <= paidAt
            && (e.TriggerKey == null || !e.TriggerKey.StartsWith(endedPrefix))
            && db.Playbooks.Any(p => p.Id == e.PlaybookId && p.Goal == PlaybookGoal.WinBack), ct);
        return enrolled && !await db.Payments.AnyAsync(p => p.MembershipId == membershipId && p.Id != paymentId && p.PaidAt != null && p.PaidAt < paidAt
            && p.TotalCents > 0, ct);
    }
}
