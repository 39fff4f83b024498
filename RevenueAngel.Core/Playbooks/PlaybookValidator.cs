using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Playbooks;

/// What a playbook must be before it is saved, with each problem under the field it belongs to.
public sealed class PlaybookValidator(LiquidTemplates templates)
{
    public const int MaxSteps = 10;
    public const int MaxDelayMinutes = 60 * 24 * 60;
    public const int MaxBeforeRetryMinutes = 5 * 24 * 60;

    public IReadOnlyDictionary<string, string[]> Validate(PlaybookDraft draft, IReadOnlyCollection<string> companyPlanIds)
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string key, string message) => (problems.TryGetValue(key, out var list) ? list : problems[key] = []).Add(message);

        if (string.IsNullOrWhiteSpace(draft.Name)) Add("name", "A name is required.");
        else if (draft.Name.Length > 200) Add("name", "At most 200 characters.");
        if (!Enum.IsDefined(draft.Type)) Add("type", "Unknown playbook type.");
        if (!AllowedTriggers(draft.Type).Contains(draft.Trigger))
            Add("trigger", $"A {TypeName(draft.Type)} playbook starts on {string.Join(" or ", AllowedTriggers(draft.Type).Select(TriggerName))}.");
        if (!AllowedGoals(draft.Type, draft.Trigger).Contains(draft.Goal))
            Add("goal", draft.Goal == PlaybookGoal.WinBack && draft.Type == PlaybookType.ChurnSave
                ? $"A win-back starts on {TriggerName(PlaybookTrigger.MembershipDeactivated)}."
                : $"A {TypeName(draft.Type)} playbook's goal is {string.Join(" or ", AllowedGoals(draft.Type, draft.Trigger).Select(GoalName))}.");
        if (draft.GoalPlanId is { Length: > 0 } plan && !companyPlanIds.Contains(plan)) Add("goalPlanId", $"'{plan}' is not one of your plans.");
        foreach (var (key, json) in new[] { ("targetRules", draft.TargetRules), ("exitRules", draft.ExitRules) })
            foreach (var problem in TargetRulesJson.Parse(json, draft.Subject).Problems) Add(key, problem);
        if (draft.Priority is < 0 or > 1000) Add("priority", "Between 0 and 1000.");
        if (draft.ReentryAfterDays is < 0 or > 365) Add("reentryAfterDays", "Between 0 and 365 days, or empty for never.");
        if (draft.HoldoutPercent is < 0 or > 50) Add("holdoutPercent", "Between 0 and 50 percent.");
        if (!Enum.IsDefined(draft.Tone)) Add("tone", "Unknown tone.");
        foreach (var problem in Dunning.RetryPaydays.Problems(draft.OwnRetryDays, draft.OwnRetryLimit, draft.OwnRetryAfterClick)) Add("ownRetryDays", problem);
        if (draft.CancelOfferRoutes.Count > 0 && draft.Trigger != PlaybookTrigger.CancelRequested)
            Add("cancelOfferRoutes", "Only a playbook that starts on a cancellation request routes offers by the member's reason.");
        foreach (var (reason, terms) in draft.CancelOfferRoutes)
        {
            if (!Offers.CancelOptions.IsKnown(reason))
                Add("cancelOfferRoutes", $"'{reason}' is not one of Whop's cancellation reasons ({string.Join(", ", Offers.CancelOptions.All.Select(o => o.Value))}).");
            if (terms.Problem() is { } problem) Add("cancelOfferRoutes", $"{reason}: {problem}");
            if (terms is { Kind: Offers.OfferKind.Downgrade, PlanId: { Length: > 0 } routedPlan } && !companyPlanIds.Contains(routedPlan))
                Add("cancelOfferRoutes", $"{reason}: '{routedPlan}' is not one of your plans.");
        }
        if ((draft.OwnRetryDays.Count > 0 || draft.OwnRetryAfterClick) && draft.Trigger != PlaybookTrigger.PaymentFailed)
            Add("ownRetryDays", "Only a playbook that starts on a failed payment retries payments.");
        if (draft.Tone == MessageTone.Custom && string.IsNullOrWhiteSpace(draft.CustomTone)) Add("customTone", "Describe the custom tone.");
        if (draft.CustomTone is { Length: > PlaybookDraft.CustomToneMaxLength }) Add("customTone", $"At most {PlaybookDraft.CustomToneMaxLength} characters.");

        if (draft.Steps.Count == 0) Add("steps", "Add at least one step.");
        if (draft.Steps.Count > MaxSteps) Add("steps", $"At most {MaxSteps} steps.");
        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            if (step.DelayMinutes is < 0 or > MaxDelayMinutes) Add($"steps[{i}].delayMinutes", "Between 0 minutes and 60 days.");
            if (!Enum.IsDefined(step.Channel)) Add($"steps[{i}].channel", "Unknown channel.");
            if (step.FallbackChannel is { } fallback && !Enum.IsDefined(fallback)) Add($"steps[{i}].fallbackChannel", "Unknown channel.");
            if (!Enum.IsDefined(step.Timing)) Add($"steps[{i}].timing", "Unknown timing.");
            else if (step.Timing == StepTiming.BeforeNextRetry && draft.Trigger != PlaybookTrigger.PaymentFailed)
                Add($"steps[{i}].timing", "Only a playbook that starts on a failed payment can time a step before Whop's next retry.");
            else if (step.Timing == StepTiming.BeforeNextRetry && step.DelayMinutes > MaxBeforeRetryMinutes)
                Add($"steps[{i}].delayMinutes", "At most 5 days before Whop's next retry (Whop retries within about 5 days).");
            if (step.Purpose is { } purpose && (!Enum.IsDefined(purpose) || !Drafting.StepPurposes.Fits(purpose, draft.Type)))
                Add($"steps[{i}].purpose", $"Not a purpose of a {TypeName(draft.Type)} step ({string.Join(", ", Drafting.StepPurposes.For(draft.Type).Select(Drafting.StepPurposes.Name))}).");
            foreach (var problem in templates.Validate(step.ToTemplate("validation"), channel: Email.StepChannels.LimitsOf(step)))
                Add($"steps[{i}].{Camel(problem.Field)}", $"Line {problem.Line}: {problem.Message}");
            ValidateVariants(step, $"steps[{i}]", Add);
            if (step.Offer is { } offer)
            {
                if (draft.Type != PlaybookType.ChurnSave) Add($"steps[{i}].offer", "Save offers belong to ChurnSave steps.");
                if (offer.Problem() is { } problem) Add($"steps[{i}].offer", problem);
                if (offer is { Kind: Offers.OfferKind.Downgrade, PlanId: { Length: > 0 } planId } && !companyPlanIds.Contains(planId))
                    Add($"steps[{i}].offer", $"'{planId}' is not one of your plans.");
            }
        }
        return problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private void ValidateVariants(StepDraft step, string prefix, Action<string, string> add)
    {
        if (step.Variants.Count == 0) return;
        if (step.Variants.Count > StepVariantDraft.MaxPerStep) add($"{prefix}.variants", $"At most {StepVariantDraft.MaxPerStep} variants besides A.");
        var split = step.Percent + step.Variants.Sum(v => v.Percent);
        if (split != 100) add($"{prefix}.split", $"The split adds up to {split}%; A and the variants must add up to 100%.");
        if (step.Percent is < 1 or > 99) add($"{prefix}.percent", "Between 1 and 99 percent.");
        for (var j = 0; j < step.Variants.Count; j++)
        {
            var variant = step.Variants[j];
            if (variant.Percent is < 1 or > 99) add($"{prefix}.variants[{j}].percent", "Between 1 and 99 percent.");
            foreach (var problem in templates.Validate(variant.ToTemplate("validation", step.Channel), channel: Email.StepChannels.LimitsOf(step)))
                add($"{prefix}.variants[{j}].{Camel(problem.Field)}", $"Line {problem.Line}: {problem.Message}");
        }
        var keys = step.Variants.Where(v => v.Key is not null).Select(v => v.Key).ToList();
        if (keys.Contains(Experiments.VariantSplit.Base) || keys.Distinct().Count() != keys.Count) add($"{prefix}.variants", "Each variant needs its own letter.");
    }

    public static IReadOnlyList<PlaybookTrigger> AllowedTriggers(PlaybookType type) => type == PlaybookType.ChurnSave
        ? [PlaybookTrigger.PaymentFailed, PlaybookTrigger.CancelRequested, PlaybookTrigger.MembershipDeactivated, PlaybookTrigger.SegmentEntry]
        : [PlaybookTrigger.SegmentEntry];

    /// Every goal some trigger of the type allows.
    public static IReadOnlyList<PlaybookGoal> AllowedGoals(PlaybookType type) =>
        [.. AllowedTriggers(type).SelectMany(t => AllowedGoals(type, t)).Distinct().OrderBy(g => g)];

    /// A win-back (a new paid membership) is reachable only after a membership ended, so only that trigger offers it, first.
    public static IReadOnlyList<PlaybookGoal> AllowedGoals(PlaybookType type, PlaybookTrigger trigger) => (type, trigger) switch
    {
        (PlaybookType.Nurture, _) => [PlaybookGoal.FirstPayment],
        (PlaybookType.Upsell, _) => [PlaybookGoal.Upgrade],
        (_, PlaybookTrigger.MembershipDeactivated) => [PlaybookGoal.WinBack, PlaybookGoal.PaymentRecovered, PlaybookGoal.CancelWithdrawn],
        _ => [PlaybookGoal.PaymentRecovered, PlaybookGoal.CancelWithdrawn],
    };

    public static string TypeName(PlaybookType type) => type switch
    {
        PlaybookType.Nurture => "Nurture",
        PlaybookType.Upsell => "TierLift",
        _ => "ChurnSave",
    };

    public static string TriggerName(PlaybookTrigger trigger) => trigger switch
    {
        PlaybookTrigger.SegmentEntry => "matching the audience rules",
        PlaybookTrigger.PaymentFailed => "a failed payment",
        PlaybookTrigger.CancelRequested => "a cancellation request",
        _ => "a membership ending",
    };

    public static string GoalName(PlaybookGoal goal) => goal switch
    {
        PlaybookGoal.FirstPayment => "a first payment",
        PlaybookGoal.Upgrade => "an upgrade",
        PlaybookGoal.PaymentRecovered => "the payment recovered",
        PlaybookGoal.WinBack => "a new paid membership (win-back)",
        _ => "the cancellation withdrawn",
    };

    private static string Camel(string field) => field switch
    {
        "cta_label" => "ctaLabel",
        "cta_url" => "ctaUrl",
        _ => field,
    };
}
