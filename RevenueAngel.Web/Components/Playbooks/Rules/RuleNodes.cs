using RevenueAngel.Core.Segments;

namespace RevenueAngel.Web.Components.Playbooks.Rules;

/// The rule builder's editable tree: mutable, so inputs bind straight to it. RuleTree converts it to the stored rules.
public abstract class RuleNode;

public sealed class GroupNode : RuleNode
{
    public bool RequireAll { get; set; } = true;
    public List<RuleNode> Children { get; init; } = [];
}

public sealed class ConditionNode : RuleNode
{
    public required string Field { get; set; }
    public required string Operator { get; set; }
    public long Number { get; set; }
    public List<string> Texts { get; set; } = [];
    public bool Flag { get; set; }

    public RuleFields.Kind Kind => RuleFields.ByName[Field].Kind;

    public static ConditionNode For(RuleFields.Field field) =>
        new() { Field = field.Name, Operator = RuleFields.OperatorsFor(field.Kind)[0] };

    /// Keeps the operator and value when the new field takes them, so switching plan to product keeps "is any of".
    public void ChangeField(string name)
    {
        var before = Kind;
        Field = name;
        if (Kind != before) (Number, Texts, Flag) = (0, [], false);
        if (!RuleFields.OperatorsFor(Kind).Contains(Operator)) Operator = RuleFields.OperatorsFor(Kind)[0];
    }
}
