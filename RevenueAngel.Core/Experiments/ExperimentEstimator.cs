namespace RevenueAngel.Core.Experiments;

/// Turns two arms' summaries into lift, incremental revenue and a verdict. Works on in-memory summaries, so the same
/// code serves the report and the simulations that check it.
public static class ExperimentEstimator
{
    /// <param name="winsText">What to say when the challenger converts better ("treatment lifts conversions", "B wins").</param>
    /// <param name="losesText">What to say when the baseline converts better.</param>
    public static Comparison Compare(ArmSummary baseline, ArmSummary challenger, string winsText, string losesText)
    {
        var liftInterval = ExperimentStatistics.RateDifference(baseline, challenger);
        var decisionInterval = ExperimentStatistics.SequentialRateDifference(baseline, challenger);
        var (incremental, incrementalInterval) = ExperimentStatistics.IncrementalRevenue(baseline, challenger);
        return new Comparison(baseline.Group, challenger.Group, challenger.ConversionRate - baseline.ConversionRate, liftInterval, decisionInterval,
            incremental, incrementalInterval, VerdictOf(baseline, challenger, decisionInterval, winsText, losesText));
    }

    public static Comparison TreatmentVsHoldout(ArmSummary holdout, ArmSummary treatment) =>
        Compare(holdout, treatment, "Treatment lifts conversions", "Holdout converts better: the messages hurt");

    public static Comparison VariantVsBase(ArmSummary a, ArmSummary variant) =>
        Compare(a, variant, $"{variant.Group} wins", $"{a.Group} beats {variant.Group}");

    private static Verdict VerdictOf(ArmSummary baseline, ArmSummary challenger, Interval lift, string winsText, string losesText)
    {
        if (SampleSizeRule.Shortfall(baseline, challenger) is { } shortfall)
            return new Verdict(VerdictKind.NotEnoughData, $"Not enough data yet ({shortfall.Have} of {shortfall.Need} {shortfall.What})",
                SampleSizeRule.Explanation);
        if (lift.IsAboveZero) return new Verdict(VerdictKind.ChallengerWins, winsText, SampleSizeRule.Explanation);
        if (lift.IsBelowZero) return new Verdict(VerdictKind.BaselineWins, losesText, SampleSizeRule.Explanation);
        return new Verdict(VerdictKind.NoSignificantDifference, "No significant difference", SampleSizeRule.Explanation);
    }
}
