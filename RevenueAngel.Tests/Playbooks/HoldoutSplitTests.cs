using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Playbooks;

public sealed class HoldoutSplitTests
{
    private const int Subjects = 20_000;

    private static HashSet<long> HeldOut(long playbookId, int percent) =>
        [.. Enumerable.Range(1, Subjects).Select(i => (long)i).Where(id => HoldoutSplit.IsHeldOut(playbookId, SubjectKind.Member, id, percent))];

    [Fact]
    public void TwoPlaybooksHoldOutIndependentSamplesOverlappingAboutPSquared()
    {
        var first = HeldOut(1, 20);
        var second = HeldOut(2, 20);

        Assert.InRange(first.Count / (double)Subjects, 0.185, 0.215);
        Assert.InRange(second.Count / (double)Subjects, 0.185, 0.215);
        // Independent 20% holdouts share 4% of subjects (±0.6 points is 4 standard errors); a shared split would share 20%.
        Assert.InRange(first.Intersect(second).Count() / (double)Subjects, 0.034, 0.046);
    }

    [Fact]
    public void NeighbouringPlaybookIdsAreIndependentToo()
    {
        // The old linear split made playbooks 1 and 101 hold out exactly the same members.
        var overlaps = new long[] { 3, 100, 101 }.Select(other => HeldOut(1, 20).Intersect(HeldOut(other, 20)).Count() / (double)Subjects);

        Assert.All(overlaps, overlap => Assert.InRange(overlap, 0.034, 0.046));
    }

    [Fact]
    public void ASubjectStaysInItsArmAndNobodyIsHeldOutAtZeroPercent()
    {
        Assert.Equal(HeldOut(7, 30), HeldOut(7, 30));
        Assert.Empty(HeldOut(7, 0));
        Assert.Equal(HoldoutSplit.Holdout, HoldoutSplit.GroupOf(7, SubjectKind.Member, HeldOut(7, 30).First(), 30));
    }

    [Fact]
    public void AMemberAndALeadWithTheSameIdAreSplitSeparately()
    {
        var members = Enumerable.Range(1, Subjects).Where(id => HoldoutSplit.IsHeldOut(9, SubjectKind.Member, id, 50));
        var leads = Enumerable.Range(1, Subjects).Where(id => HoldoutSplit.IsHeldOut(9, SubjectKind.Lead, id, 50)).ToHashSet();

        Assert.InRange(members.Count(leads.Contains) / (double)Subjects, 0.23, 0.27);
    }
}
