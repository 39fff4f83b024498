using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks.Library;

/// A ready-made playbook: its settings and, for each step, its copy in every tone.
public sealed record PlaybookBlueprint(
    string Key,
    string Name,
    string Description,
    PlaybookType Type,
    PlaybookTrigger Trigger,
    PlaybookGoal Goal,
    int Priority,
    int? ReentryAfterDays,
    string TargetRules,
    IReadOnlyList<StepBlueprint> Steps);

/// <param name="DelayMinutes">After the previous step (after enrolment for the first).</param>
/// <param name="Fallback">The channel used when <paramref name="Channel"/> does not reach the subject.</param>
public sealed record StepBlueprint(int DelayMinutes, MessageChannel Channel, StepPurpose Purpose, MessageChannel? Fallback = null)
{
    public IReadOnlyDictionary<MessageTone, StepCopy> Copy => LibraryCopy.ByPurpose[Purpose];
}

public sealed record StepCopy(string Title, string Body, string CtaLabel, string CtaUrl);
