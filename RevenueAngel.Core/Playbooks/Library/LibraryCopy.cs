using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks.Library;

/// The built-in library's words for every step purpose, one entry per tone (the default playbooks use them too). Every variable here is in MessageVariables; a test renders
/// each one for the sample member and checks Whop's length limits.
internal static class LibraryCopy
{
    private static Dictionary<MessageTone, StepCopy> Tones(StepCopy friendly, StepCopy expert, StepCopy hype, StepCopy minimal) => new()
    {
        [MessageTone.Friendly] = friendly, [MessageTone.Expert] = expert, [MessageTone.Hype] = hype, [MessageTone.Minimal] = minimal,
    };

    public static readonly Dictionary<MessageTone, StepCopy> FirstPurchaseReminder = Tones(
        new("Still thinking about {{ community_name }}?",
            "Hey {{ first_name }}, your spot in {{ community_name }} is saved. Join today and get everything from day one, no waiting around.",
            "Join now", "{{ checkout_url }}"),
        new("Your {{ community_name }} access is one step away",
            "{{ first_name }}, members start with the full curriculum and the weekly breakdowns. Finish checkout and you can begin today.",
            "Finish checkout", "{{ checkout_url }}"),
        new("{{ first_name }}, don't miss this 🔥",
            "The {{ community_name }} crew is moving fast this week. Grab your spot and jump in right now!",
            "I'm in", "{{ checkout_url }}"),
        new("Your spot is saved",
            "{{ community_name }}: finish joining whenever you're ready.",
            "Join", "{{ checkout_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> FirstPurchaseSocialProof = Tones(
        new("{{ member_count }} members are already inside",
            "{{ first_name }}, {{ member_count }} people learn and ship together in {{ community_name }} every week. {{ plan_name }} is {{ plan_price }} and you can cancel anytime.",
            "See the plans", "{{ checkout_url }}"),
        new("Why {{ member_count }} members chose {{ community_name }}",
            "They get a proven system, honest feedback and peers a step ahead of them. {{ plan_name }}: {{ plan_price }}, cancel anytime.",
            "Compare plans", "{{ checkout_url }}"),
        new("{{ member_count }} members can't be wrong 🚀",
            "Wins land in {{ community_name }} every single day. Get {{ plan_name }} for {{ plan_price }} and start stacking yours.",
            "Join the crew", "{{ checkout_url }}"),
        new("{{ member_count }} members and counting",
            "{{ plan_name }} · {{ plan_price }} · cancel anytime.",
            "Join", "{{ checkout_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> FirstPurchaseFinalOffer = Tones(
        new("Last call, {{ first_name }}",
            "This is our last nudge. We saved you a welcome offer for {{ community_name }}; if it's not for you, no hard feelings at all.",
            "Claim my offer", "{{ offer_url }}"),
        new("A welcome offer before it expires",
            "{{ first_name }}, members who start this week get a welcome discount on {{ plan_name }}. It's the lowest price we offer.",
            "Use the offer", "{{ offer_url }}"),
        new("Final call ⏰ your offer ends soon",
            "{{ first_name }}, this is it: your welcome offer for {{ community_name }} expires soon. Lock it in now!",
            "Lock it in", "{{ offer_url }}"),
        new("Welcome offer inside",
            "Your discount on {{ plan_name }} ends soon.",
            "Claim", "{{ offer_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> UpgradePitch = Tones(
        new("Ready for more, {{ first_name }}?",
            "{{ days_as_member }} days in and you're making the most of {{ plan_name }}. {{ upgrade_plan_name }} adds everything you're missing for {{ upgrade_plan_price }}.",
            "See {{ upgrade_plan_name }}", "{{ checkout_url }}"),
        new("What {{ upgrade_plan_name }} adds to your plan",
            "{{ first_name }}, going from {{ plan_name }} to {{ upgrade_plan_name }} unlocks live sessions, deeper feedback and the full resource library for {{ upgrade_plan_price }}.",
            "Compare plans", "{{ checkout_url }}"),
        new("Time to level up, {{ first_name }} ⚡",
            "You've crushed {{ days_as_member }} days on {{ plan_name }}. {{ upgrade_plan_name }} is where the biggest wins happen. Upgrade for {{ upgrade_plan_price }}!",
            "Level up", "{{ checkout_url }}"),
        new("{{ upgrade_plan_name }} is available",
            "Upgrade from {{ plan_name }} for {{ upgrade_plan_price }}.",
            "Upgrade", "{{ checkout_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> UpgradeBenefits = Tones(
        new("Here's what {{ upgrade_plan_name }} members get",
            "{{ first_name }}, {{ upgrade_plan_name }} members get more time with us, more feedback and first access to everything new. Want to join them?",
            "Upgrade", "{{ checkout_url }}"),
        new("The case for {{ upgrade_plan_name }}",
            "Members who upgrade get twice the feedback rounds and every new resource first. If you're serious about results, it pays for itself.",
            "Upgrade to {{ upgrade_plan_name }}", "{{ checkout_url }}"),
        new("{{ upgrade_plan_name }} members are winning big 🏆",
            "More access, more feedback, more wins. {{ first_name }}, your upgrade is one tap away!",
            "Upgrade now", "{{ checkout_url }}"),
        new("{{ upgrade_plan_name }}: the benefits",
            "More feedback. Early access. {{ upgrade_plan_price }}.",
            "Upgrade", "{{ checkout_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> RecoveryUpdatePayment = Tones(
        new("Your payment didn't go through",
            "Hi {{ first_name }}, your {{ amount_due }} payment for {{ plan_name }} was declined (card {{ card_last4 }}). Update your card to keep your access to {{ community_name }}.",
            "Update payment", "{{ update_payment_url }}"),
        new("Action needed: payment declined",
            "{{ first_name }}, the {{ amount_due }} charge for {{ plan_name }} failed on card {{ card_last4 }}. Updating your payment method takes under a minute and keeps your access uninterrupted.",
            "Update payment method", "{{ update_payment_url }}"),
        new("Don't lose your spot, {{ first_name }}!",
            "Your {{ amount_due }} payment bounced 😬 Update your card now and keep the momentum going in {{ community_name }}.",
            "Fix it now", "{{ update_payment_url }}"),
        new("Payment declined",
            "{{ amount_due }} for {{ plan_name }} failed. Update your card to keep access.",
            "Update card", "{{ update_payment_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> RecoveryPauseOrDowngrade = Tones(
        new("Need a break instead?",
            "{{ first_name }}, if now isn't the right time you can pause your membership or switch to a lighter plan instead of losing your spot in {{ community_name }}. Reply here and we'll sort it out.",
            "See my options", "{{ update_payment_url }}"),
        new("Two ways to keep your progress",
            "{{ first_name }}, update your card, or pause or downgrade your plan so your history and access stay intact. Reply here if you'd like help choosing.",
            "Review my plan", "{{ update_payment_url }}"),
        new("We've got you, {{ first_name }} 🙌",
            "Money tight? Pause or downgrade instead of leaving the crew. Your spot in {{ community_name }} stays yours.",
            "Keep my spot", "{{ update_payment_url }}"),
        new("Pause or downgrade instead",
            "Keep your place in {{ community_name }}: pause, downgrade or update your card.",
            "Options", "{{ update_payment_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> Welcome = Tones(
        new("Welcome, {{ first_name }} 👋",
            "Thanks for your interest in {{ community_name }}. Members get the full library, weekly sessions and a crew that helps. Have a look around and join when you're ready.",
            "See what's inside", "{{ checkout_url }}"),
        new("Welcome to {{ community_name }}",
            "{{ first_name }}, here is what members work with: a structured curriculum, weekly reviews and {{ member_count }} peers. {{ plan_name }} is {{ plan_price }}.",
            "Explore the plans", "{{ checkout_url }}"),
        new("You found us, {{ first_name }}! 🎉",
            "{{ community_name }} is where {{ member_count }} members level up every week. Jump in and start today!",
            "Let's go", "{{ checkout_url }}"),
        new("Welcome",
            "{{ community_name }}: {{ plan_name }} from {{ plan_price }}.",
            "Join", "{{ checkout_url }}"));

    public static readonly Dictionary<MessageTone, StepCopy> WinBack = Tones(
        new("We miss you, {{ first_name }}",
            "Your {{ plan_name }} membership in {{ community_name }} has ended, and the crew noticed. Come back with a welcome-back offer; your history is still here.",
            "Come back", "{{ offer_url }}"),
        new("A lot has changed in {{ community_name }}",
            "{{ first_name }}, since you left we added new sessions and resources. Rejoin {{ plan_name }} with a returning-member offer and pick up where you stopped.",
            "Rejoin", "{{ offer_url }}"),
        new("Come back, {{ first_name }} 🔥",
            "{{ community_name }} isn't the same without you. Your welcome-back offer is waiting, grab it before it's gone!",
            "I'm back", "{{ offer_url }}"),
        new("Rejoin {{ community_name }}",
            "A returning-member offer on {{ plan_name }}.",
            "Rejoin", "{{ offer_url }}"));

    /// Every purpose's copy: the library's answer when no model drafts, or when the model's draft is unusable.
    public static readonly IReadOnlyDictionary<StepPurpose, Dictionary<MessageTone, StepCopy>> ByPurpose =
        new Dictionary<StepPurpose, Dictionary<MessageTone, StepCopy>>
        {
            [StepPurpose.Welcome] = Welcome,
            [StepPurpose.Reminder] = FirstPurchaseReminder,
            [StepPurpose.SocialProof] = FirstPurchaseSocialProof,
            [StepPurpose.FinalIncentive] = FirstPurchaseFinalOffer,
            [StepPurpose.UpgradePitch] = UpgradePitch,
            [StepPurpose.BenefitsFollowUp] = UpgradeBenefits,
            [StepPurpose.UpdatePayment] = RecoveryUpdatePayment,
            [StepPurpose.PauseOrDowngrade] = RecoveryPauseOrDowngrade,
            [StepPurpose.WinBack] = WinBack,
        };
}
