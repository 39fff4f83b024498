using Microsoft.AspNetCore.Components;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Web.Components.Playbooks.Rules;

public sealed partial class RuleConditionEditor
{
    [Parameter, EditorRequired]
    public required ConditionNode Condition { get; set; }

    [Parameter, EditorRequired]
    public required SubjectKind Subject { get; set; }

    [Parameter]
    public IReadOnlyList<PlanOption> Plans { get; set; } = [];

    [Parameter]
    public EventCallback Changed { get; set; }

    [Parameter]
    public EventCallback Removed { get; set; }

    /// Fields whose values come from a known list are picked from it rather than typed.
    private IReadOnlyDictionary<string, string>? Choices => Condition.Field switch
    {
        "membership_status" => RuleLabels.MembershipStatuses.ToDictionary(s => s, RuleLabels.Value),
        "decline_reason" => RuleLabels.DeclineReasons.ToDictionary(s => s, RuleLabels.Value),
        "plan" => Plans.Concat(Condition.Texts.Where(id => Plans.All(p => p.Id != id)).Select(id => new PlanOption(id, id)))
            .ToDictionary(p => p.Id, p => p.Label),
        _ => null,
    };

    private Task ChangeFieldAsync(string field)
    {
        Condition.ChangeField(field);
        return Changed.InvokeAsync();
    }

    private Task ChangeOperatorAsync(string op)
    {
        Condition.Operator = op;
        return Changed.InvokeAsync();
    }

    private Task ChangeNumberAsync(long number)
    {
        Condition.Number = number;
        return Changed.InvokeAsync();
    }

    private Task ChangeFlagAsync(bool flag)
    {
        Condition.Flag = flag;
        return Changed.InvokeAsync();
    }

    private Task ChangeTextsAsync(IEnumerable<string> values)
    {
        Condition.Texts = [.. values];
        return Changed.InvokeAsync();
    }
}
