using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Tests.Experiments;

/// Reference values: Wilson and Newcombe intervals from Newcombe (1998), "Two-sided confidence intervals for the single
/// proportion" and "Interval estimation for the difference between independent proportions" (method 10); the revenue
/// intervals worked by hand from the listed per-subject revenues.
public sealed class ExperimentStatisticsTests
{
    private static ArmSummary Arm(string group, long n, long conversions) => new(group, n, conversions, 0, 0);

    [Theory]
    [InlineData(10, 100, 0.0552, 0.1744)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(56, 70, 0.6918, 0.8770)]
    public void WilsonIntervalMatchesPublishedValues(long successes, long n, double low, double high)
    {
        var interval = ExperimentStatistics.Wilson(successes, n);

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void DifferenceOfRatesIsNewcombesHybridScoreInterval()
    {
        var interval = ExperimentStatistics.RateDifference(baseline: Arm("A", 80, 48), challenger: Arm("B", 70, 56));

        Assert.Equal(0.0524, interval.Low, 4);
        Assert.Equal(0.3339, interval.High, 4);
    }

    [Fact]
    public void IncrementalRevenueIsTheDifferenceInRevenuePerSubjectTimesTheChallengersSubjectsWithWelchsInterval()
    {
        // Baseline: 97 subjects paid nothing, three paid $10, $20, $30 → mean 60¢, variance 137,777.8.
        // Challenger: 90 nothing, five $10, five $20 → mean 150¢, variance 229,797.98.
        // SE = √(137777.8/100 + 229797.98/100) = 60.628¢; difference 90¢ ± 1.95996 × 60.628 = [−28.83, 208.83]¢ per subject.
        var baseline = ArmSummary.Of("holdout", [.. Enumerable.Repeat((false, 0.0), 97), (true, 1000), (true, 2000), (true, 3000)]);
        var challenger = ArmSummary.Of("treatment",
            [.. Enumerable.Repeat((false, 0.0), 90), .. Enumerable.Repeat((true, 1000.0), 5), .. Enumerable.Repeat((true, 2000.0), 5)]);

        var perSubject = ExperimentStatistics.RevenuePerSubjectDifference(baseline, challenger);
        var (cents, interval) = ExperimentStatistics.IncrementalRevenue(baseline, challenger);

        Assert.Equal((-28.83, 208.83), (Math.Round(perSubject.Low, 2), Math.Round(perSubject.High, 2)));
        Assert.Equal(9000, cents, 6);
        Assert.Equal((-2882.87, 20882.87), (Math.Round(interval.Low, 2), Math.Round(interval.High, 2)));
    }

    [Fact]
    public void SummedIncrementalRevenueAddsThePlaybooksVariances()
    {
        var holdout = ArmSummary.Of("holdout", [.. Enumerable.Repeat((false, 0.0), 97), (true, 1000), (true, 2000), (true, 3000)]);
        var treatment = ArmSummary.Of("treatment",
            [.. Enumerable.Repeat((false, 0.0), 90), .. Enumerable.Repeat((true, 1000.0), 5), .. Enumerable.Repeat((true, 2000.0), 5)]);

        var total = RevenueAngel.Core.Experiments.ExperimentReport.IncrementalRevenueOf([(holdout, treatment), (holdout, treatment)]);

        // Two independent copies: twice the estimate, √2 times the half-width (60.628¢ × 100 × 1.95996 × √2 = 16804.92¢).
        Assert.Equal(18000, total.Cents, 6);
        Assert.Equal(2, total.Playbooks);
        Assert.Equal(18000 - 16804.92, total.Interval.Low, 1);
        Assert.Equal(18000 + 16804.92, total.Interval.High, 1);
    }
}
