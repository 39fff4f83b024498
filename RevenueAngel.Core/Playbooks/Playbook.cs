using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

/// A sequence of messages for the subjects its target rules select, until they reach its goal.
public sealed class Playbook
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public required string Name { get; set; }
    public PlaybookType Type { get; init; }
    public bool Enabled { get; set; }
    public PlaybookTrigger Trigger { get; set; }
    /// JSON rule tree (all/any groups of conditions); "{}" matches every subject of the type.
    public string TargetRules { get; set; } = "{}";
    /// JSON rule tree like TargetRules: an active subject that matches it leaves the sequence. "{}" means no exit rule.
    public string ExitRules { get; set; } = "{}";
    /// The voice its copy was written in (the default library has each playbook in four tones).
    public MessageTone Tone { get; set; } = MessageTone.Friendly;
    /// The creator's description of the voice when Tone is Custom.
    public string? CustomTone { get; set; }
    public PlaybookGoal Goal { get; set; }
    public string? GoalPlanId { get; set; }
    /// Higher wins when a member qualifies for several playbooks.
    public int Priority { get; set; }
    /// Null: a subject enters once. Otherwise it may re-enter this many days after its last enrollment ended.
    public int? ReentryAfterDays { get; set; }
    public int HoldoutPercent { get; set; } = 10;
    /// Payment-failed playbooks: days of the month ("1,15") on which we also retry the charge (RetryPaydays); null: only Whop retries.
    public string? OwnRetryDays { get; set; }
    /// Our own retries of one payment at most.
    public int OwnRetryLimit { get; set; } = 2;
    /// Payment-failed playbooks: also retry once the member has opened a link in our message (the update-card page);
    /// Whop sends no event for a card update, so the click, a while later, stands for it.
    public bool OwnRetryAfterClick { get; set; }
    /// Cancel-requested playbooks: the offer by the member's reason (CancelOfferRoutes JSON); null: each step's own offer.
    public string? CancelOfferRoutes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// Deleted playbooks stay for the history of their sends and conversions, hidden everywhere else.
    public DateTimeOffset? DeletedAt { get; set; }

    public List<PlaybookStep> Steps { get; init; } = [];
}
