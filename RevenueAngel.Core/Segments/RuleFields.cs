using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Segments;

/// The fields target rules can test, the subjects they apply to, and their operators. Member conditions about
/// memberships mean "the member has a membership that …".
public static class RuleFields
{
    public enum Kind { Number, Texts, Flag }

    public sealed record Field(string Name, SubjectKind Subject, Kind Kind, string Description);

    public static readonly IReadOnlyList<Field> All =
    [
        new("membership_status", SubjectKind.Member, Kind.Texts, "Has a membership in one of these statuses"),
        new("plan", SubjectKind.Member, Kind.Texts, "Has a membership on one of these plans"),
        new("product", SubjectKind.Member, Kind.Texts, "Has a membership of one of these products"),
        new("cancel_at_period_end", SubjectKind.Member, Kind.Flag, "Has a membership set (or not) to cancel at period end"),
        new("tenure_days", SubjectKind.Member, Kind.Number, "Whole days since the member joined"),
        new("total_spent", SubjectKind.Member, Kind.Number, "Paid in total, in cents"),
        new("failed_payments", SubjectKind.Member, Kind.Number, "Payments that have failed at least once"),
        new("decline_reason", SubjectKind.Member, Kind.Texts, "Has an unpaid failed payment declined for one of these reasons"),
        new("days_since_last_message", SubjectKind.Member, Kind.Number, "Whole days since our last message (never messaged counts as forever)"),
        new("in_playbook", SubjectKind.Member, Kind.Texts, "Is active in one of these playbooks (ids)"),
        new("lead_source", SubjectKind.Lead, Kind.Texts, "Where the lead came from"),
        new("lead_status", SubjectKind.Lead, Kind.Texts, "The lead's status"),
        new("lead_age_days", SubjectKind.Lead, Kind.Number, "Whole days since the lead was captured"),
    ];

    public static readonly IReadOnlyDictionary<string, Field> ByName = All.ToDictionary(f => f.Name);

    public static readonly IReadOnlyList<string> NumberOperators = ["==", "!=", ">", ">=", "<", "<="];
    public static readonly IReadOnlyList<string> TextOperators = ["in", "not_in"];
    public static readonly IReadOnlyList<string> FlagOperators = ["=="];

    public static IReadOnlyList<string> OperatorsFor(Kind kind) => kind switch
    {
        Kind.Number => NumberOperators,
        Kind.Texts => TextOperators,
        _ => FlagOperators,
    };
}
