namespace RevenueAngel.Core.Segments;

/// Decides one subject on an event, without a query per rule. Same semantics as SqlRuleEvaluator, which a
/// randomised test holds it to: "whole days" are floored, a member never messaged is "forever" ago.
public static class InMemoryRuleEvaluator
{
    public static bool Matches(TargetRule? rule, MemberFacts member, DateTimeOffset now) =>
        Matches(rule, c => Condition(c, member, now));

    public static bool Matches(TargetRule? rule, LeadFacts lead, DateTimeOffset now) => Matches(rule, c => c.Field switch
    {
        "lead_source" => Texts(c, lead.Source),
        "lead_status" => Texts(c, lead.Status),
        "lead_age_days" => Compare(WholeDays.Since(lead.CapturedAt, now), c),
        _ => false,
    });

    private static bool Matches(TargetRule? rule, Func<RuleCondition, bool> condition) => rule switch
    {
        null => true,
        RuleGroup { RequireAll: true } g => g.Children.All(c => Matches(c, condition)),
        RuleGroup g => g.Children.Any(c => Matches(c, condition)),
        RuleCondition c => condition(c),
        _ => false,
    };

    private static bool Condition(RuleCondition c, MemberFacts m, DateTimeOffset now) => c.Field switch
    {
        "membership_status" => m.Memberships.Any(ms => Texts(c, ms.Status)),
        "plan" => m.Memberships.Any(ms => Texts(c, ms.PlanId)),
        "product" => m.Memberships.Any(ms => ms.ProductId is { } p && Texts(c, p)),
        "cancel_at_period_end" => m.Memberships.Any(ms => ms.CancelAtPeriodEnd == c.Flag),
        "tenure_days" => Compare(WholeDays.Since(m.JoinedAt, now), c),
        "total_spent" => Compare(m.TotalSpentCents, c),
        "failed_payments" => Compare(m.FailedPayments, c),
        "decline_reason" => Texts(c, m.OpenDeclineReasons),
        "days_since_last_message" => m.LastMessageAt is { } last ? Compare(WholeDays.Since(last, now), c) : c.Operator is ">" or ">=" or "!=",
        "in_playbook" => Texts(c, m.ActivePlaybookIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        _ => false,
    };

    // in: the value is one of the list; not_in: it is none of them (for sets, none of the values is listed).
    private static bool Texts(RuleCondition c, string value) => (c.Texts ?? []).Contains(value) == (c.Operator == "in");

    private static bool Texts(RuleCondition c, IEnumerable<string> values) => values.Any(v => (c.Texts ?? []).Contains(v)) == (c.Operator == "in");

    private static bool Compare(long actual, RuleCondition c) => c.Operator switch
    {
        "==" => actual == c.Number,
        "!=" => actual != c.Number,
        ">" => actual > c.Number,
        ">=" => actual >= c.Number,
        "<" => actual < c.Number,
        "<=" => actual <= c.Number,
        _ => false,
    };
}
