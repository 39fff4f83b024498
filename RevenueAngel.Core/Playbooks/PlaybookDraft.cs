using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

/// A playbook as the editor and the API write it: settings plus steps that carry their own message.
public sealed class PlaybookDraft
{
    public string Name { get; set; } = "";
    public PlaybookType Type { get; set; } = PlaybookType.Upsell;
    public PlaybookTrigger Trigger { get; set; } = PlaybookTrigger.SegmentEntry;
    /// JSON rule tree (see TargetRulesJson).
    public string TargetRules { get; set; } = "{}";
    public string ExitRules { get; set; } = "{}";
    public PlaybookGoal Goal { get; set; } = PlaybookGoal.Upgrade;
    public string? GoalPlanId { get; set; }
    public int Priority { get; set; } = 20;
    public int? ReentryAfterDays { get; set; }
    public int HoldoutPercent { get; set; } = 10;
    /// Days of the month we also retry a failed payment ourselves (payment-failed playbooks); empty: only Whop retries.
    public List<int> OwnRetryDays { get; set; } = [];
    public int OwnRetryLimit { get; set; } = 2;
    /// Also retry the charge a while after the member opens a link in our message (payment-failed playbooks).
    public bool OwnRetryAfterClick { get; set; }
    /// Cancel-requested playbooks: the save offer by the member's `cancel_option` ("other" for the rest).
    public Dictionary<string, Offers.OfferTerms> CancelOfferRoutes { get; set; } = [];
    public MessageTone Tone { get; set; } = MessageTone.Friendly;
    /// How the creator describes the voice when Tone is Custom.
    public string? CustomTone { get; set; }
    public const int CustomToneMaxLength = 300;
    public List<StepDraft> Steps { get; set; } = [];

    public SubjectKind Subject => Type.Subject();
}

public sealed class StepDraft
{
    /// The existing step this edits; null for a new step.
    public long? Id { get; set; }
    public int DelayMinutes { get; set; }
    public StepTiming Timing { get; set; }
    public MessageChannel Channel { get; set; } = MessageChannel.Push;
    /// Used when Channel cannot reach the subject ("push, else email"); null: no fallback.
    public MessageChannel? FallbackChannel { get; set; }

    /// Email is the step's channel or its fallback.
    public bool MayEmail => Channel == MessageChannel.Email || FallbackChannel == MessageChannel.Email;
    /// Email steps: the inbox preview line (Liquid).
    public string? Preheader { get; set; }
    /// What the message is for (drafting writes to it); null means the module's default for the step's position.
    public StepPurpose? Purpose { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? CtaLabel { get; set; }
    public string? CtaUrl { get; set; }
    /// The share of subjects who get this message ("A") when the step has variants; with the variants' shares it makes 100.
    public int Percent { get; set; } = 100;
    public List<StepVariantDraft> Variants { get; set; } = [];
    /// ChurnSave steps only: the save offer each send makes (its link is `offer_url`).
    public Offers.OfferTerms? Offer { get; set; }

    public MessageTemplate ToTemplate(string companyId)
    {
        var template = StepVariantDraft.Template(companyId, Title, Body, CtaLabel, CtaUrl);
        template.Preheader = StepVariantDraft.EmailPreheader(Channel, Preheader);
        return template;
    }
}

/// The outcome of a save: the playbook's id, or what is wrong keyed by where (`name`, `steps[1].body`, …).
public sealed record PlaybookSaveResult(long? Id, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool Saved => Id is not null && Problems.Count == 0;

    public static PlaybookSaveResult Invalid(IReadOnlyDictionary<string, string[]> problems) => new(null, problems);

    public static PlaybookSaveResult NotFound { get; } = new(null, new Dictionary<string, string[]>());
}
