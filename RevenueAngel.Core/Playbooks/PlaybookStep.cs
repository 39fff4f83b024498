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
    /// "Push, else email": the channel a send uses when <see cref="Channel"/> cannot reach its subject.
    public MessageChannel? FallbackChannel { get; set; }
    /// What the message is for; null for a step saved before purposes existed (StepPurposes.Default applies).
    public StepPurpose? Purpose { get; set; }
    public long TemplateId { get; set; }
    /// Removed in the editor after sends used it: kept for their history, never scheduled again.
    public bool Archived { get; set; }
    /// Set when the step's experiment reached a verdict: every later subject gets this variant ("A" is the step's own).
    public string? WinnerVariant { get; set; }
    public List<PlaybookStepVariant> Variants { get; init; } = [];
    /// A ChurnSave step's save offer: each send makes one for its member, and `offer_url` links to it.
    public Offers.OfferKind? OfferKind { get; set; }
    /// Days (pause, free days) or percent off (discount).
    public int? OfferValue { get; set; }
    /// The cheaper plan of a downgrade.
    public string? OfferPlanId { get; set; }

    public Offers.OfferTerms? Offer
    {
        get => OfferKind is { } kind ? Offers.OfferTerms.Of(kind, OfferValue, OfferPlanId) : null;
        set => (OfferKind, OfferValue, OfferPlanId) = (value?.Kind, value?.Value, value?.Kind == Offers.OfferKind.Downgrade ? value.PlanId : null);
    }

    /// The step's A/B test, in experiment_assignments.
    public static string ExperimentKeyOf(long stepId) => $"step:{stepId}";
}
