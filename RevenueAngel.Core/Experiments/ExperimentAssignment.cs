using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// The arm a subject was put in for one experiment (a step's A/B test or a playbook's holdout); set once.
public sealed class ExperimentAssignment
{
    public required string CompanyId { get; init; }
    public required string ExperimentKey { get; init; }
    public SubjectKind SubjectKind { get; init; }
    public long SubjectId { get; init; }
    public required string Group { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
}
