using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Core.Playbooks;

/// The deterministic control-group split: a SHA-256 bucket of playbook and subject, as VariantSplit buckets a step's
/// arms. A subject lands in the same arm of a playbook every time, on the event path (EventEnroller) and the
/// set-based one (SegmentEnroller) alike; each playbook's key is part of the hash, so two playbooks hold out
/// independent samples instead of the same members.
public static class HoldoutSplit
{
    public const string Holdout = "holdout";
    public const string Treatment = "treatment";

    public static string KeyOf(long playbookId) => $"holdout:{playbookId}";

    public static bool IsHeldOut(long playbookId, SubjectKind kind, long subjectId, int holdoutPercent) =>
        holdoutPercent > 0 && VariantSplit.BucketOf(KeyOf(playbookId), kind, subjectId) < holdoutPercent;

    public static string GroupOf(long playbookId, SubjectKind kind, long subjectId, int holdoutPercent) =>
        IsHeldOut(playbookId, kind, subjectId, holdoutPercent) ? Holdout : Treatment;
}
