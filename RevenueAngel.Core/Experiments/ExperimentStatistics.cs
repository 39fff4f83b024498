using MathNet.Numerics.Distributions;

namespace RevenueAngel.Core.Experiments;

/// The estimators behind every result, all two-sided at 95%.
public static class ExperimentStatistics
{
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// Wilson score interval of a proportion: stays inside [0, 1] and keeps its coverage with few conversions,
    /// where the textbook p ± z·√(p(1−p)/n) collapses to zero width at 0 conversions.
    public static Interval Wilson(long successes, long n)
    {
        if (n == 0) return new Interval(0, 1);
        double p = (double)successes / n, z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z95 / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// Newcombe's hybrid score interval for challenger rate − baseline rate, built from the two Wilson intervals, so
    /// it too stays honest when an arm has few or no conversions.
    public static Interval RateDifference(ArmSummary baseline, ArmSummary challenger)
    {
        double p1 = challenger.ConversionRate, p0 = baseline.ConversionRate;
        var (w1, w0) = (Wilson(challenger.Conversions, challenger.Subjects), Wilson(baseline.Conversions, baseline.Subjects));
        var difference = p1 - p0;
        return new Interval(
            difference - Math.Sqrt(Square(p1 - w1.Low) + Square(w0.High - p0)),
            difference + Math.Sqrt(Square(w1.High - p1) + Square(p0 - w0.Low)));
    }

    /// An always-valid 95% interval for challenger rate − baseline rate (the mixture sequential probability ratio test of
    /// Johari et al., "Always valid inference", as in Optimizely's stats engine): it keeps its 95% coverage however
    /// often it is looked at, so a daily glance cannot turn noise into a winner. The price is width: about 3.7 standard
    /// errors when each arm has 1,000 subjects, more before. The mixture's spread τ² is the variance of the difference at
    /// 1,000 subjects per arm, where the boundary is tuned to be tightest.
    public static Interval SequentialRateDifference(ArmSummary baseline, ArmSummary challenger)
    {
        double p1 = challenger.ConversionRate, p0 = baseline.ConversionRate;
        var variance = p1 * (1 - p1) / Math.Max(1, challenger.Subjects) + p0 * (1 - p0) / Math.Max(1, baseline.Subjects);
        var pooled = (double)(challenger.Conversions + baseline.Conversions) / Math.Max(1, challenger.Subjects + baseline.Subjects);
        var tau2 = 2 * pooled * (1 - pooled) / SequentialTuningSubjects;
        var difference = p1 - p0;
        if (variance <= 0 || tau2 <= 0) return new Interval(-1, 1);
        var half = Math.Sqrt(2 * variance * (variance + tau2) / tau2 * (Math.Log(1 / Alpha) + 0.5 * Math.Log((variance + tau2) / variance)));
        return new Interval(difference - half, difference + half);
    }

    private const double Alpha = 0.05;
    private const int SequentialTuningSubjects = 1000;

    /// Difference in mean revenue per subject (challenger − baseline), normal approximation with each arm's own
    /// variance (Welch's standard error).
    public static Interval RevenuePerSubjectDifference(ArmSummary baseline, ArmSummary challenger)
    {
        var difference = challenger.RevenuePerSubjectCents - baseline.RevenuePerSubjectCents;
        var standardError = Math.Sqrt(challenger.RevenueVariance / Math.Max(1, challenger.Subjects)
                                      + baseline.RevenueVariance / Math.Max(1, baseline.Subjects));
        return new Interval(difference - Z95 * standardError, difference + Z95 * standardError);
    }

    /// Revenue the challenger's subjects brought beyond what they would have without it: the difference in revenue
    /// per subject times the challenger's subjects.
    public static (double Cents, Interval Interval) IncrementalRevenue(ArmSummary baseline, ArmSummary challenger)
    {
        var perSubject = RevenuePerSubjectDifference(baseline, challenger);
        var cents = (challenger.RevenuePerSubjectCents - baseline.RevenuePerSubjectCents) * challenger.Subjects;
        return (cents, perSubject.Times(challenger.Subjects));
    }

    /// The variance of <see cref="IncrementalRevenue"/>'s estimate, for adding playbooks up.
    public static double IncrementalRevenueVariance(ArmSummary baseline, ArmSummary challenger) =>
        Square(challenger.Subjects) * (challenger.RevenueVariance / Math.Max(1, challenger.Subjects)
                                       + baseline.RevenueVariance / Math.Max(1, baseline.Subjects));

    private static double Square(double x) => x * x;
}
