using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Experiments;

public sealed class VariantSplitTests
{
    private static readonly (string, int)[] Arms = [("A", 50), ("B", 30), ("C", 20)];

    [Fact]
    public void ASubjectGetsTheSameArmEveryTime()
    {
        var first = Enumerable.Range(1, 500).Select(id => VariantSplit.ArmOf(VariantSplit.BucketOf("step:7", SubjectKind.Member, id), Arms)).ToList();
        var again = Enumerable.Range(1, 500).Select(id => VariantSplit.ArmOf(VariantSplit.BucketOf("step:7", SubjectKind.Member, id), Arms)).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void TenThousandSubjectsSplitAsConfiguredWithinTwoPoints()
    {
        var counts = Enumerable.Range(1, 10_000)
            .GroupBy(id => VariantSplit.ArmOf(VariantSplit.BucketOf("step:42", SubjectKind.Member, id), Arms))
            .ToDictionary(g => g.Key, g => g.Count() / 100.0);

        Assert.InRange(counts["A"], 48, 52);
        Assert.InRange(counts["B"], 28, 32);
        Assert.InRange(counts["C"], 18, 22);
    }

    [Fact]
    public void TwoExperimentsSplitTheSameSubjectsIndependently()
    {
        var half = new[] { ("A", 50), ("B", 50) };
        var agree = Enumerable.Range(1, 10_000).Count(id =>
            VariantSplit.ArmOf(VariantSplit.BucketOf("step:1", SubjectKind.Member, id), half)
            == VariantSplit.ArmOf(VariantSplit.BucketOf("step:2", SubjectKind.Member, id), half));

        // Independent 50/50 splits agree for about half the subjects; a shared bucket would agree for all.
        Assert.InRange(agree, 4800, 5200);
    }

    [Fact]
    public void ArmsThatDoNotAddUpTo100AreRefused() =>
        Assert.Throws<InvalidOperationException>(() => VariantSplit.ArmOf(99, [("A", 50), ("B", 40)]));
}
