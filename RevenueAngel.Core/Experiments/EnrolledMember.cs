using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// An enrolment with the member whose payments count for it: the subject itself, or for a lead the member that
/// lead became (the same Whop user), so Nurture's arms carry the revenue of the first purchases they led to.
/// A class with init properties, not a positional record: EF can only compose filters over member-init projections.
internal sealed class EnrolledMember
{
    public long Id { get; init; }
    public long PlaybookId { get; init; }
    public SubjectKind SubjectKind { get; init; }
    public long SubjectId { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Group { get; init; }
    public EnrollmentStatus Status { get; init; }
    public long? MemberId { get; init; }

    public static IQueryable<EnrolledMember> Query(RevenueAngelDbContext db, string companyId) =>
        db.Enrollments
            .Where(e => e.CompanyId == companyId)
            .Select(e => new EnrolledMember
            {
                Id = e.Id, PlaybookId = e.PlaybookId, SubjectKind = e.SubjectKind, SubjectId = e.SubjectId, EnteredAt = e.EnteredAt,
                EndedAt = e.EndedAt, Group = e.Group, Status = e.Status,
                MemberId = e.SubjectKind == SubjectKind.Member
                    ? e.SubjectId
                    : db.Leads.Where(l => l.Id == e.SubjectId && l.WhopUserId != null)
                        .Join(db.Members.Where(m => m.CompanyId == companyId), l => l.WhopUserId, m => m.WhopUserId, (l, m) => (long?)m.Id)
                        .FirstOrDefault(),
            });
}
