namespace RevenueAngel.Core.Experiments;

/// A playbook's experiments: its holdout (treatment vs holdout) and each step that has variants (each vs A).
public sealed record PlaybookExperiments(long PlaybookId, string PlaybookName, int HoldoutPercent, IReadOnlyList<ArmResult> Arms,
    Comparison? Holdout, IReadOnlyList<StepExperiment> Steps);
