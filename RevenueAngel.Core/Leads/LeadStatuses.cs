using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Leads;

/// A new lead in a running Nurture sequence is `nurturing`; set-based, so a segment run of thousands costs one statement.
internal static class LeadStatuses
{
    public static Task<int> MarkNurturingAsync(RevenueAngelDbContext db, string companyId, CancellationToken ct, long? leadId = null) =>
        db.Leads.Where(l => l.CompanyId == companyId && l.Status == LeadStatus.New && (leadId == null || l.Id == leadId)
                            && db.Enrollments.Any(e => e.CompanyId == companyId && e.SubjectKind == SubjectKind.Lead && e.SubjectId == l.Id
                                                       && e.Status == EnrollmentStatus.Active))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, LeadStatus.Nurturing), ct);
}
