using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Attribution;

/// The send credited with a conversion, with its playbook and step (kept on the conversion so reports need no join).
public sealed record Attribution(long? SendId, long? PlaybookId, long? StepId, AttributionMethod Method)
{
    public static readonly Attribution None = new(null, null, null, AttributionMethod.None);
}

/// Which send earned a conversion: the one named in the payment's checkout metadata (exact), else the newest
/// send to the subject clicked within the company's window, else the newest one delivered within it, else none.
public static class LastTouch
{
    public static async Task<Attribution> FindAsync(RevenueAngelDbContext db, string companyId, long? memberId, long? leadId, DateTimeOffset at,
        int windowDays, CancellationToken ct, string? exactSendId = null)
    {
        var subjects = db.Enrollments.Where(e => e.CompanyId == companyId
            && ((memberId != null && e.SubjectKind == SubjectKind.Member && e.SubjectId == memberId)
                || (leadId != null && e.SubjectKind == SubjectKind.Lead && e.SubjectId == leadId)));
        if (long.TryParse(exactSendId, System.Globalization.CultureInfo.InvariantCulture, out var named)
            && await db.Sends.Where(s => s.Id == named && s.CompanyId == companyId && s.SentAt != null && subjects.Any(e => e.Id == s.EnrollmentId))
                .Select(s => new Attribution(s.Id, s.PlaybookId, s.StepId, AttributionMethod.Exact)).FirstOrDefaultAsync(ct) is { } exact)
            return exact;

        var since = at.AddDays(-windowDays);
        var touches = db.Sends.Where(s => s.CompanyId == companyId && s.SentAt >= since && s.SentAt <= at)
            .Where(s => subjects.Any(e => e.Id == s.EnrollmentId));
        var clicked = await touches.Where(s => s.ClickedAt >= since && s.ClickedAt <= at)
            .OrderByDescending(s => s.ClickedAt).ThenByDescending(s => s.Id)
            .Select(s => new Attribution(s.Id, s.PlaybookId, s.StepId, AttributionMethod.Click)).FirstOrDefaultAsync(ct);
        if (clicked is not null) return clicked;
        return await touches.OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id)
            .Select(s => new Attribution(s.Id, s.PlaybookId, s.StepId, AttributionMethod.Delivery)).FirstOrDefaultAsync(ct) ?? Attribution.None;
    }
}
