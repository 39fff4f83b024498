namespace RevenueAngel.Core.Segments;

/// Target rules as a re-check while a sequence runs: conditions about our own messaging (days since the last
/// message, being in a playbook) describe who may start, and would otherwise end a sequence at its own first send.
public static class RuleRelaxation
{
    private static readonly HashSet<string> EntryOnlyFields = ["days_since_last_message", "in_playbook"];

    /// The rule with entry-only conditions counted as met (an empty "all" group is always true).
    public static TargetRule? ForEligibility(TargetRule? rule) => rule switch
    {
        RuleCondition c when EntryOnlyFields.Contains(c.Field) => new RuleGroup(true, []),
        RuleGroup g => g with { Children = [.. g.Children.Select(ForEligibility).OfType<TargetRule>()] },
        _ => rule,
    };
}
