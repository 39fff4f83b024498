using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Attribution;

/// Last-touch attribution: the newest send to the subject that was clicked within the company's window before
/// the conversion, else the newest one sent within it, else none.
public static class LastTouch
{
    public static async Task<long?> FindAsync(RevenueAngelDbContext db, string companyId, long? memberId, long? leadId, DateTimeOffset at,
        int windowDays, CancellationToken ct)
    {
        var since = at.AddDays(-windowDays);
        var subjects = db.Enrollments.Where(e => e.CompanyId == companyId
            && ((memberId != null && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId)
                || (leadId != null && e.SubjectKind == SubjectKind.Lead && e.SubjectId == leadId)));
        var touches = db.Sends.Where(s => s.CompanyId == companyId && s.SentAt >= since && s.SentAt <= at)
            .Where(s => subjects.Any(e => e.Id == s.EnrollmentId));
        var clicked = await touches.Where(s => s.ClickedAt >= since && s.ClickedAt <= at)
            .OrderByDescending(s => s.ClickedAt).ThenByDescending(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        return clicked ?? await touches.OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
    }
}
