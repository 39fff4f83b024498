namespace RevenueAngel.Core.Experiments;

/// A step's A/B test: its arms (A first) and each variant compared with A.
public sealed record StepExperiment(long StepId, int Position, string? WinnerVariant, IReadOnlyList<ArmResult> Arms,
    IReadOnlyList<Comparison> Comparisons);
