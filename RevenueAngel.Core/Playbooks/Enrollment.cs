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
    /// What its subject paid while enrolled: confirmed conversions from entry to end, net of their refunds. Kept by
    /// the database's triggers on conversions (see the EnrolmentRevenue migration); never written here.
    public long RevenueCents { get; init; }

    public const string GoalReason = "goal reached";
    public const string CompletedReason = "all steps done";
    public const string ExitRuleReason = "exit rule matched";

    /// Events arrive late, and one can predate an enrolment made meanwhile: an enrolment still ends no earlier than
    /// it began (the analytics count on it). The one definition of that rule, for set-based updates (EndedAtOrEntry)
    /// and for the entity's own transitions alike.
    private static readonly Expression<Func<Enrollment, DateTimeOffset, DateTimeOffset>> EndRule = (e, at) => e.EnteredAt > at ? e.EnteredAt : at;
    private static readonly Func<Enrollment, DateTimeOffset, DateTimeOffset> EndOf = EndRule.Compile();

    /// The end time a set-based update gives when ending enrolments at <paramref name="at"/> (see EndRule).
    public static Expression<Func<Enrollment, DateTimeOffset?>> EndedAtOrEntry(DateTimeOffset at)
    {
        // `at` goes in as a captured value, not a constant, so EF sends it as a parameter and reuses the query plan.
        var moment = new Moment(at);
        var body = new ReplaceParameter(EndRule.Parameters[1], Expression.Property(Expression.Constant(moment), nameof(Moment.At))).Visit(EndRule.Body);
        return Expression.Lambda<Func<Enrollment, DateTimeOffset?>>(Expression.Convert(body, typeof(DateTimeOffset?)), EndRule.Parameters[0]);
    }

    public void Convert(DateTimeOffset at) => End(EnrollmentStatus.Converted, at, GoalReason);

    public void Exit(DateTimeOffset at, string reason) => End(EnrollmentStatus.Exited, at, reason);

    public void Complete(DateTimeOffset at) => End(EnrollmentStatus.Completed, at, CompletedReason);

    private void End(EnrollmentStatus status, DateTimeOffset at, string reason)
    {
        if (Status != EnrollmentStatus.Active)
            throw new InvalidOperationException($"Enrollment {Id} is {Status} and cannot become {status}.");
        Status = status;
        EndedAt = EndOf(this, at);
        EndReason = reason;
    }

    private sealed record Moment(DateTimeOffset At);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
