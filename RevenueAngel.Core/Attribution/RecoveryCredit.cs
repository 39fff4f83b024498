using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Attribution;

/// Whose recovery a paid failed payment is: ours when a ChurnSave message reached the member between the failure and
/// the payment, Whop's when its own retry got the money before we sent anything (holdout members included).
public static class RecoveryCredit
{
    public static async Task<RecoverySource> SourceAsync(RevenueAngelDbContext db, string companyId, long memberId, string paymentId,
        DateTimeOffset? failedAt, DateTimeOffset lookback, DateTimeOffset paidAt, CancellationToken ct)
    {
        var otherFailure = await db.Payments
            .Where(p => p.CompanyId == companyId && p.MemberId == memberId && p.Id != paymentId && p.FailedAt >= lookback && p.FailedAt <= paidAt)
            .MinAsync(p => p.FailedAt, ct);
        var since = new[] { failedAt, otherFailure }.Where(t => t is not null).Min() ?? lookback;
        var ours = await db.Sends.AnyAsync(s => s.CompanyId == companyId && s.SentAt >= since && s.SentAt <= paidAt
            && db.Enrollments.Any(e => e.Id == s.EnrollmentId && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId)
            && db.Playbooks.Any(p => p.Id == s.PlaybookId && p.Type == PlaybookType.ChurnSave), ct);
        return ours ? RecoverySource.Ours : RecoverySource.Whop;
    }
}
