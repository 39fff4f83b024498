using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks.Library;

/// The product's default playbooks, each written in the four tones. Timings count from the trigger (T):
/// First purchase T+1h, T+24h, T+72h; Upgrade to Pro at once and T+48h; Payment failed recovery at once and T+24h.
public static class PlaybookLibrary
{
    public static readonly IReadOnlyList<MessageTone> Tones = [MessageTone.Friendly, MessageTone.Expert, MessageTone.Hype, MessageTone.Minimal];

    public static readonly PlaybookBlueprint FirstPurchase = new(
        "first-purchase", "First purchase", "Turns new leads into first-time buyers over three days.",
        PlaybookType.Nurture, PlaybookTrigger.SegmentEntry, PlaybookGoal.FirstPayment, Priority: 10, ReentryAfterDays: null,
        """{"all":[{"field":"lead_age_days","op":"<=","value":30},{"field":"lead_status","op":"in","value":["new","nurturing"]}]}""",
        [
            // Web leads often have no Whop account: email (with their consent) reaches them.
            new(60, MessageChannel.Push, StepPurpose.Reminder, MessageChannel.Email),
            new(23 * 60, MessageChannel.Push, StepPurpose.SocialProof, MessageChannel.Email),
            new(48 * 60, MessageChannel.DirectMessage, StepPurpose.FinalIncentive, MessageChannel.Email),
        ]);

    public static readonly PlaybookBlueprint UpgradeToPro = new(
        "upgrade-to-pro", "Upgrade to Pro", "Invites settled members on a lower plan to the next tier.",
        PlaybookType.Upsell, PlaybookTrigger.SegmentEntry, PlaybookGoal.Upgrade, Priority: 20, ReentryAfterDays: 90,
        """{"all":[{"field":"tenure_days","op":">=","value":30},{"field":"membership_status","op":"in","value":["active"]},{"field":"cancel_at_period_end","op":"==","value":false}]}""",
        [
            new(0, MessageChannel.Push, StepPurpose.UpgradePitch),
            new(48 * 60, MessageChannel.DirectMessage, StepPurpose.BenefitsFollowUp),
        ]);

    public static readonly PlaybookBlueprint PaymentRecovery = new(
        "payment-recovery", "Payment failed recovery", "Wins back members whose renewal payment failed.",
        PlaybookType.ChurnSave, PlaybookTrigger.PaymentFailed, PlaybookGoal.PaymentRecovered, Priority: 100, ReentryAfterDays: 0,
        "{}",
        [
            new(0, MessageChannel.Push, StepPurpose.UpdatePayment),
            new(24 * 60, MessageChannel.DirectMessage, StepPurpose.PauseOrDowngrade),
        ]);

    public static readonly IReadOnlyList<PlaybookBlueprint> All = [FirstPurchase, UpgradeToPro, PaymentRecovery];

    public static PlaybookBlueprint? Find(string key) => All.FirstOrDefault(b => b.Key == key);
}
