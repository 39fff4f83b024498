namespace RevenueAngel.Core.Playbooks;

/// The deterministic control-group split: a subject lands in the same arm of a playbook every time, in SQL
/// (SegmentEnroller) and here alike.
public static class HoldoutSplit
{
    public const string Holdout = "holdout";
    public const string Treatment = "treatment";

    public static string GroupOf(long subjectId, long playbookId, int holdoutPercent) =>
        (subjectId * 37 + playbookId * 101) % 100 < holdoutPercent ? Holdout : Treatment;
}
