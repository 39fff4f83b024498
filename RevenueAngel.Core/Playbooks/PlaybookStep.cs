using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

public sealed class PlaybookStep
{
    public long Id { get; init; }
    public long PlaybookId { get; init; }
    /// 1-based order within the playbook.
    public int Position { get; set; }
    /// Wait after the previous step (after enrollment for the first step).
    public int DelayMinutes { get; set; }
    public StepTiming Timing { get; set; }
    public MessageChannel Channel { get; set; }
    /// What the message is for; null for a step saved before purposes existed (StepPurposes.Default applies).
    public StepPurpose? Purpose { get; set; }
    public long TemplateId { get; set; }
    /// Removed in the editor after sends used it: kept for their history, never scheduled again.
    public bool Archived { get; set; }
    /// Set when the step's experiment reached a verdict: every later subject gets this variant ("A" is the step's own).
    public string? WinnerVariant { get; set; }
    public List<PlaybookStepVariant> Variants { get; init; } = [];

    /// The step's A/B test, in experiment_assignments.
    public static string ExperimentKeyOf(long stepId) => $"step:{stepId}";
}
