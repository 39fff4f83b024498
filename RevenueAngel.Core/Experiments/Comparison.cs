namespace RevenueAngel.Core.Experiments;

/// A challenger arm against its baseline (treatment vs holdout, or a variant vs A). Lift is in conversion-rate points
/// as a fraction (0.02 = 2 points); revenue in cents.
public sealed record Comparison(
    string Baseline,
    string Challenger,
    double Lift,
    Interval LiftInterval,
    double IncrementalRevenueCents,
    Interval IncrementalRevenueInterval,
    Verdict Verdict);
