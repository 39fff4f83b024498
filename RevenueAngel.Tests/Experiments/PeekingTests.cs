using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Tests.Experiments;

/// A/A tests (no real difference) looked at after every 100 new subjects per arm, up to 3,000: the share of runs that
/// ever show a winner is the false-winner rate a creator who checks daily would see.
public sealed class PeekingTests
{
    private const int Runs = 200;

    private static bool EverCallsAWinner(int seed, Func<ArmSummary, ArmSummary, bool> decides)
    {
        var random = new Random(seed);
        long n = 0, a = 0, b = 0;
        for (var look = 1; look <= 30; look++)
        {
            for (var i = 0; i < 100; i++)
            {
                n++;
                if (random.NextDouble() < 0.10) a++;
                if (random.NextDouble() < 0.10) b++;
            }
            if (decides(new ArmSummary("A", n, a, 0, 0), new ArmSummary("B", n, b, 0, 0))) return true;
        }
        return false;
    }

    [Fact]
    public void TheVerdictKeepsFalseWinnersAtMostFivePercentWhileTheUsualIntervalWouldNot()
    {
        var verdict = Enumerable.Range(1, Runs).Count(seed => EverCallsAWinner(seed,
            (x, y) => ExperimentEstimator.VariantVsBase(x, y).Verdict.Kind is VerdictKind.ChallengerWins or VerdictKind.BaselineWins));
        var usual = Enumerable.Range(1, Runs).Count(seed => EverCallsAWinner(seed, (x, y) =>
            SampleSizeRule.Shortfall(x, y) is null && ExperimentStatistics.RateDifference(x, y) is var i && (i.IsAboveZero || i.IsBelowZero)));

        Assert.InRange(verdict, 0, Runs * 5 / 100);
        // The fixed-sample interval checked 30 times finds "winners" far more often than 5%: why the verdict does not use it.
        Assert.True(usual > Runs * 10 / 100, $"usual interval: {usual} false winners of {Runs}");
    }
}
