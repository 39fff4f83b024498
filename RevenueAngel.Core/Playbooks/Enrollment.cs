using System.Linq.Expressions;

namespace RevenueAngel.Core.Playbooks;

/// A subject's pass through a playbook: active → converted | exited | completed.
public sealed class Enrollment
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public long PlaybookId { get; init; }
    public SubjectKind SubjectKind { get; init; }
    public long SubjectId { get; init; }
    /// 1 for the first pass; re-entry after a cool-down adds the next number, so the unique key still holds.
    public int EntryNumber { get; init; } = 1;
    public EnrollmentStatus Status { get; private set; } = EnrollmentStatus.Active;
    /// Experiment arm: "treatment", "holdout" or a variant key.
    public string? Group { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    /// The Whop event's subject that enrolled it (a failed payment's id): one enrolment per trigger, however often
    /// the event is delivered.
    public string? TriggerKey { get; init; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    /// The end time a set-based update gives when ending enrolments at <paramref name="at"/>: events arrive late, and
    /// one can predate an enrolment made meanwhile; an enrolment still ends no earlier than it began (the analytics
    /// count on it).
    public static Expression<Func<Enrollment, DateTimeOffset?>> EndedAtOrEntry(DateTimeOffset at) =>
        e => e.EnteredAt > at ? e.EnteredAt : at;

    public void Convert(DateTimeOffset at) => End(EnrollmentStatus.Converted, at, "goal reached");

    public void Exit(DateTimeOffset at, string reason) => End(EnrollmentStatus.Exited, at, reason);

    public void Complete(DateTimeOffset at) => End(EnrollmentStatus.Completed, at, "all steps sent");

    private void End(EnrollmentStatus status, DateTimeOffset at, string reason)
    {
        if (Status != EnrollmentStatus.Active)
            throw new InvalidOperationException($"Enrollment {Id} is {Status} and cannot become {status}.");
        Status = status;
        EndedAt = EnteredAt > at ? EnteredAt : at; // as EndedAtOrEntry
        EndReason = reason;
    }
}
