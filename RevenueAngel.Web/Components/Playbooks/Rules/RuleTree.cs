using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Web.Components.Playbooks.Rules;

/// Converts between the stored rules JSON and the builder's tree. The root is always a group; an empty root is
/// written as `{}` (everyone), and empty inner groups are left out because "all of nothing" would read as a rule.
public static class RuleTree
{
    public static (GroupNode Root, IReadOnlyList<string> Problems) FromJson(string json, SubjectKind subject)
    {
        var (rule, problems) = TargetRulesJson.Parse(json, subject);
        return (FromRule(rule), problems);
    }

    public static string ToJson(GroupNode root) => TargetRulesJson.Write(ToRule(root));

    public static GroupNode FromRule(TargetRule? rule) => rule switch
    {
        RuleGroup group => new GroupNode { RequireAll = group.RequireAll, Children = [.. group.Children.Select(ToNode)] },
        RuleCondition condition => new GroupNode { Children = [ToNode(condition)] },
        _ => new GroupNode(),
    };

    public static TargetRule? ToRule(GroupNode root) => root.Children.Count == 0 ? null : ToGroup(root);

    private static RuleNode ToNode(TargetRule rule) => rule switch
    {
        RuleCondition c => new ConditionNode
        {
            Field = c.Field, Operator = c.Operator, Number = c.Number ?? 0, Texts = [.. c.Texts ?? []], Flag = c.Flag ?? false,
        },
        _ => FromRule(rule),
    };

    private static RuleGroup ToGroup(GroupNode group) => new(group.RequireAll,
        [.. group.Children.Select(ToTargetRule).OfType<TargetRule>()]);

    private static TargetRule? ToTargetRule(RuleNode node) => node switch
    {
        GroupNode { Children.Count: 0 } => null,
        GroupNode group => ToGroup(group),
        ConditionNode c => c.Kind switch
        {
            RuleFields.Kind.Number => new RuleCondition(c.Field, c.Operator, Number: c.Number),
            RuleFields.Kind.Flag => new RuleCondition(c.Field, c.Operator, Flag: c.Flag),
            _ => new RuleCondition(c.Field, c.Operator, Texts: [.. c.Texts]),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
