namespace RevenueAngel.Core.Experiments;

/// A playbook's experiments: its holdout (treatment vs holdout) and each step that has variants (each vs A).
public sealed record PlaybookExperiments(long PlaybookId, string PlaybookName, int HoldoutPercent, IReadOnlyList<ArmResult> Arms,
    Comparison? Holdout, IReadOnlyList<StepExperiment> Steps);

public sealed record StepExperiment(long StepId, int Position, string? WinnerVariant, IReadOnlyList<ArmResult> Arms,
    IReadOnlyList<Comparison> Comparisons);

/// The messages' revenue beyond what the holdouts show would have come anyway, summed over playbooks, in cents.
public sealed record IncrementalRevenue(double Cents, Interval Interval, int Playbooks);
