namespace RevenueAngel.Core.Segments;

/// A playbook's target rules: groups that need all or any of their children, and conditions on one field.
public abstract record TargetRule;

public sealed record RuleGroup(bool RequireAll, IReadOnlyList<TargetRule> Children) : TargetRule;

/// `Number` for numeric fields, `Texts` for in/not_in, `Flag` for booleans. Money is in cents.
public sealed record RuleCondition(string Field, string Operator, long? Number = null, IReadOnlyList<string>? Texts = null, bool? Flag = null)
    : TargetRule;
