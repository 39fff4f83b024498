using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Drafting;

/// Which purposes fit which module, what each is called and asks of a message, and the link it carries.
public static class StepPurposes
{
    public sealed record Info(StepPurpose Purpose, PlaybookType Module, string Name, string Brief, string Link);

    private static readonly IReadOnlyList<Info> All =
    [
        new(StepPurpose.Welcome, PlaybookType.Nurture, "Welcome",
            "Welcome a new lead who just showed interest, say what the community offers and invite them to join.", "{{ checkout_url }}"),
        new(StepPurpose.Reminder, PlaybookType.Nurture, "Reminder",
            "Gently remind a lead who has not joined yet that their spot is waiting.", "{{ checkout_url }}"),
        new(StepPurpose.SocialProof, PlaybookType.Nurture, "Social proof",
            "Show how many members are already inside and what they get, with the plan's price.", "{{ checkout_url }}"),
        new(StepPurpose.FinalIncentive, PlaybookType.Nurture, "Final incentive",
            "The last message of the sequence: a welcome offer that ends soon, no pressure if it is not for them.", "{{ offer_url }}"),
        new(StepPurpose.UpgradePitch, PlaybookType.Upsell, "Upgrade pitch",
            "Invite a settled member on a lower plan to the higher plan, naming what it adds and its price.", "{{ checkout_url }}"),
        new(StepPurpose.BenefitsFollowUp, PlaybookType.Upsell, "Benefits follow-up",
            "Follow up an upgrade pitch with the concrete benefits members of the higher plan get.", "{{ checkout_url }}"),
        new(StepPurpose.UpdatePayment, PlaybookType.ChurnSave, "Update payment",
            "Tell a member their renewal payment failed and ask them to update their card to keep access.", "{{ update_payment_url }}"),
        new(StepPurpose.PauseOrDowngrade, PlaybookType.ChurnSave, "Pause or downgrade offer",
            "Offer a member who may leave a pause or a cheaper plan instead of losing their place.", "{{ update_payment_url }}"),
        new(StepPurpose.WinBack, PlaybookType.ChurnSave, "Win-back",
            "Invite a member whose membership ended to come back, with what they miss and an offer to rejoin.", "{{ offer_url }}"),
    ];

    private static readonly Dictionary<StepPurpose, Info> ByPurpose = All.ToDictionary(i => i.Purpose);

    public static Info Of(StepPurpose purpose) => ByPurpose[purpose];

    public static string Name(StepPurpose purpose) => Of(purpose).Name;

    /// The purposes a step of this module can have, in the order a sequence usually uses them.
    public static IReadOnlyList<StepPurpose> For(PlaybookType module) => [.. All.Where(i => i.Module == module).Select(i => i.Purpose)];

    public static bool Fits(StepPurpose purpose, PlaybookType module) => Of(purpose).Module == module;

    /// A step saved before purposes existed, or added without one: the module's sequence by position, the last purpose
    /// repeating. The first Nurture step is a reminder, as in the library's First purchase playbook.
    public static StepPurpose Default(PlaybookType module, int stepIndex)
    {
        var purposes = module switch
        {
            PlaybookType.Nurture => [StepPurpose.Reminder, StepPurpose.SocialProof, StepPurpose.FinalIncentive],
            _ => For(module),
        };
        return purposes[Math.Min(stepIndex, purposes.Count - 1)];
    }
}
