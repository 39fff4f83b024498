using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Tests.Experiments;

public sealed class ExperimentVerdictTests
{
    private static ArmSummary Arm(string group, long n, long conversions) => new(group, n, conversions, conversions * 5000.0, conversions * 5000.0 * 5000);

    [Fact]
    public void AnArmBelowTheMinimumSampleHasNoVerdictEvenWithAHugeApparentLift()
    {
        var result = ExperimentEstimator.TreatmentVsHoldout(holdout: Arm("holdout", 60, 0), treatment: Arm("treatment", 600, 300));

        Assert.Equal(VerdictKind.NotEnoughData, result.Verdict.Kind);
        Assert.Equal("Not enough data yet (60 of 100 subjects in holdout)", result.Verdict.Text);
        Assert.True(result.LiftInterval.IsAboveZero, "the interval alone would have called it");
    }

    [Fact]
    public void TooFewConversionsBetweenTheArmsHasNoVerdict()
    {
        var result = ExperimentEstimator.VariantVsBase(Arm("A", 400, 3), Arm("B", 400, 12));

        Assert.Equal("Not enough data yet (15 of 20 conversions)", result.Verdict.Text);
    }

    [Fact]
    public void AClearLiftOverTheHoldoutIsCalledWithTheRuleExplained()
    {
        var result = ExperimentEstimator.TreatmentVsHoldout(holdout: Arm("holdout", 1000, 50), treatment: Arm("treatment", 9000, 720));

        Assert.Equal((VerdictKind.ChallengerWins, "Treatment lifts conversions"), (result.Verdict.Kind, result.Verdict.Text));
        Assert.Equal(0.03, result.Lift, 10);
        Assert.Contains("95% interval", result.Verdict.Explanation);
        Assert.Contains("100 subjects", result.Verdict.Explanation);
    }

    [Fact]
    public void AnIntervalThatStraddlesZeroIsNoSignificantDifference()
    {
        var result = ExperimentEstimator.VariantVsBase(Arm("A", 500, 50), Arm("B", 500, 60));

        Assert.True(result.LiftInterval.Low < 0 && result.LiftInterval.High > 0);
        Assert.Equal(VerdictKind.NoSignificantDifference, result.Verdict.Kind);
    }

    [Fact]
    public void AVariantThatConvertsWorseLosesToA()
    {
        var result = ExperimentEstimator.VariantVsBase(Arm("A", 1000, 120), Arm("B", 1000, 60));

        Assert.Equal((VerdictKind.BaselineWins, "A beats B"), (result.Verdict.Kind, result.Verdict.Text));
    }

    [Fact]
    public void TheDecisionIntervalIsWiderThanTheUsualOneAndContainsIt()
    {
        var result = ExperimentEstimator.VariantVsBase(Arm("A", 1000, 100), Arm("B", 1000, 130));

        Assert.True(result.DecisionInterval.Low < result.LiftInterval.Low && result.DecisionInterval.High > result.LiftInterval.High);
        // 3 points on 10% vs 13% at 1,000 each: the usual interval excludes zero, the always-valid one does not yet.
        Assert.True(result.LiftInterval.IsAboveZero);
        Assert.Equal(VerdictKind.NoSignificantDifference, result.Verdict.Kind);
    }
}
