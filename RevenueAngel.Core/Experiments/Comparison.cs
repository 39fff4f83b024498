namespace RevenueAngel.Core.Experiments;

/// A challenger arm against its baseline (treatment vs holdout, or a variant vs A). Lift is in conversion-rate points
/// as a fraction (0.02 = 2 points); revenue in cents. <see cref="LiftInterval"/> is the usual 95% interval for the data as
/// they stand; <see cref="DecisionInterval"/> is the always-valid one the verdict uses, wider so that looking often is safe.
public sealed record Comparison(
    string Baseline,
    string Challenger,
    double Lift,
    Interval LiftInterval,
    Interval DecisionInterval,
    double IncrementalRevenueCents,
    Interval IncrementalRevenueInterval,
    Verdict Verdict);
