namespace RevenueAngel.Core.Analytics;

/// Per UTC hour, playbook and arm: enrolments that entered in the hour (and how many of those have reached the goal
/// since, and what they paid), and enrolments that ended in the hour. Written only by database triggers on `enrollments` (see the
/// EnrollmentHourlyCounts migration), so every writer keeps it exact in its own transaction.
public sealed class EnrollmentHourlyCount
{
    public required string CompanyId { get; init; }
    public long PlaybookId { get; init; }
    /// The enrolment's arm; empty for an enrolment without one.
    public required string Group { get; init; }
    public DateTimeOffset Hour { get; init; }
    public int Entered { get; init; }
    public int Converted { get; init; }
    public int Ended { get; init; }
    /// Over the enrolments that entered in the hour: the sum of their revenue and of its squares (the experiments'
    /// variance), moved by the same triggers whenever an enrolment's revenue changes.
    public long RevenueCents { get; init; }
    public double RevenueSquares { get; init; }
}
