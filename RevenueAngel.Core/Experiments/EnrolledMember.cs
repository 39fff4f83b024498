using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// An enrolment with the member whose payments count for it: the subject itself, or for a lead the member that
/// lead became (the same Whop user), so Nurture's arms carry the revenue of the first purchases they led to.
/// Member and lead enrolments are read apart and put together, so each joins on a plain key the database can hash.
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

    public static IQueryable<EnrolledMember> Query(RevenueAngelDbContext db, string companyId)
    {
        var enrollments = db.Enrollments.Where(e => e.CompanyId == companyId);
        return OfMembers(enrollments).Concat(OfLeads(db, companyId, enrollments));
    }

    public static IQueryable<EnrolledMember> OfMembers(IQueryable<Enrollment> enrollments) =>
        enrollments.Where(e => e.SubjectKind == SubjectKind.Member).Select(e => new EnrolledMember
        {
            Id = e.Id, PlaybookId = e.PlaybookId, SubjectKind = e.SubjectKind, SubjectId = e.SubjectId, EnteredAt = e.EnteredAt,
            EndedAt = e.EndedAt, Group = e.Group, Status = e.Status, MemberId = e.SubjectId,
        });

    /// A lead that has not bought yet has no member: it is still a subject, with nothing paid.
    public static IQueryable<EnrolledMember> OfLeads(RevenueAngelDbContext db, string companyId, IQueryable<Enrollment> enrollments) =>
        from e in enrollments
        where e.SubjectKind == SubjectKind.Lead
        join l in db.Leads on e.SubjectId equals l.Id into leads
        from l in leads.DefaultIfEmpty()
        join m in db.Members.Where(m => m.CompanyId == companyId) on l.WhopUserId equals m.WhopUserId into members
        from m in members.DefaultIfEmpty()
        select new EnrolledMember
        {
            Id = e.Id, PlaybookId = e.PlaybookId, SubjectKind = e.SubjectKind, SubjectId = e.SubjectId, EnteredAt = e.EnteredAt,
            EndedAt = e.EndedAt, Group = e.Group, Status = e.Status, MemberId = m == null ? null : m.Id,
        };
}
