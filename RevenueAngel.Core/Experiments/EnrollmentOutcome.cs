using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// One enrolment as an experiment sees it: its arm, whether it reached the goal, and the net revenue its subject
/// paid while enrolled (conversions between entering and leaving, or now, minus their refunds and lost disputes).
/// A class with init properties, not a positional record: EF can only compose filters over member-init projections.
internal sealed class EnrollmentOutcome
{
    public long PlaybookId { get; init; }
    public SubjectKind SubjectKind { get; init; }
    public long SubjectId { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    public string? Group { get; init; }
    public bool Converted { get; init; }
    public long RevenueCents { get; init; }

    public static IQueryable<EnrollmentOutcome> Query(RevenueAngelDbContext db, string companyId, DateTimeOffset now) =>
        EnrolledMember.Query(db, companyId)
            .Select(e => new EnrollmentOutcome
            {
                PlaybookId = e.PlaybookId, SubjectKind = e.SubjectKind, SubjectId = e.SubjectId, EnteredAt = e.EnteredAt, Group = e.Group,
                Converted = e.Status == EnrollmentStatus.Converted,
                // Confirmed conversions' revenue, and the refunds of any of them (kept on the conversion).
                RevenueCents = db.Conversions
                                   .Where(c => c.CompanyId == companyId && c.MemberId == e.MemberId
                                               && c.CreatedAt >= e.EnteredAt && c.CreatedAt <= (e.EndedAt ?? now))
                                   .Sum(c => (long?)((c.State == Attribution.ConversionState.Confirmed ? c.RevenueCents : 0) + c.AdjustedCents)) ?? 0,
            });
}
