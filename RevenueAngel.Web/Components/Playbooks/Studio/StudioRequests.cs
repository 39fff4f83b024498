using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Web.Components.Playbooks.Studio;

/// What the editor asks the drafter for a step: the step's purpose, the playbook's tone and plan, the step's channel.
public static class StudioRequests
{
    /// The step's own purpose, or the module's default for its position (also when the type changed under it).
    public static StepPurpose PurposeOf(PlaybookDraft draft, int stepIndex) =>
        draft.Steps[stepIndex].Purpose is { } purpose && StepPurposes.Fits(purpose, draft.Type) ? purpose : StepPurposes.Default(draft.Type, stepIndex);

    public static DraftRequest For(PlaybookDraft draft, int stepIndex, int variants = 1) =>
        new(draft.Type, PurposeOf(draft, stepIndex), draft.Tone, draft.CustomTone, variants, draft.Steps[stepIndex].Channel, draft.GoalPlanId);

    public static string ToneName(MessageTone tone)
    {
        var name = DraftLibrary.Name(tone);
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
