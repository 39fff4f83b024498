using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

/// A playbook's row on the list: what it is and what it did in the last seven days. For Nurture, ReachableNow of
/// AudienceSize leads a channel reaches today (NurtureReach).
public sealed record PlaybookSummary(long Id, string Name, PlaybookType Type, bool Enabled, PlaybookTrigger Trigger, PlaybookGoal Goal,
    int Priority, int Steps, int AudienceSize, int ActiveEnrollments, int SendsLast7Days, int ConversionsLast7Days, int? ReachableNow = null);

public sealed record PlaybookStepView(long Id, int Position, int DelayMinutes, MessageChannel Channel,
    string Title, string Body, string? CtaLabel, string? CtaUrl, StepPurpose? Purpose = null, Offers.OfferTerms? Offer = null,
    StepTiming Timing = StepTiming.AfterPrevious, MessageChannel? FallbackChannel = null, string? Preheader = null,
    int Percent = 100, IReadOnlyList<PlaybookVariantView>? Variants = null);

/// An A/B test's other message of a step ("B", "C", "D") and its share of subjects.
public sealed record PlaybookVariantView(string Key, int Percent, string Title, string Body, string? CtaLabel, string? CtaUrl, string? Preheader);

public sealed record PlaybookDetail(long Id, string Name, PlaybookType Type, bool Enabled, PlaybookTrigger Trigger, PlaybookGoal Goal,
    string? GoalPlanId, int Priority, int? ReentryAfterDays, int HoldoutPercent, MessageTone Tone, string TargetRules, string ExitRules,
    IReadOnlyList<PlaybookStepView> Steps, string? CustomTone = null, IReadOnlyList<int>? OwnRetryDays = null, int OwnRetryLimit = 2,
    IReadOnlyDictionary<string, Offers.OfferTerms>? CancelOfferRoutes = null, bool OwnRetryAfterClick = false);
