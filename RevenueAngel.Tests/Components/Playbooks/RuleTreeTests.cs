using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Rules;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class RuleTreeTests
{
    [Theory]
    [InlineData("""{"all":[{"field":"tenure_days","op":">=","value":30},{"field":"membership_status","op":"in","value":["active"]},{"field":"cancel_at_period_end","op":"==","value":false}]}""")]
    [InlineData("""{"any":[{"field":"plan","op":"not_in","value":["plan_a","plan_b"]},{"all":[{"field":"total_spent","op":"<","value":5000}]}]}""")]
    public void MemberRulesSurviveTheBuilderUnchanged(string json)
    {
        var (root, problems) = RuleTree.FromJson(json, SubjectKind.Member);

        Assert.Empty(problems);
        Assert.Equal(json, RuleTree.ToJson(root));
    }

    [Fact]
    public void ASingleConditionIsWrappedInAGroupAndEmptyGroupsAreLeftOut()
    {
        var (root, _) = RuleTree.FromJson("""{"field":"lead_age_days","op":"<=","value":7}""", SubjectKind.Lead);
        root.Children.Add(new GroupNode());

        Assert.Equal("""{"all":[{"field":"lead_age_days","op":"<=","value":7}]}""", RuleTree.ToJson(root));
        Assert.Equal("{}", RuleTree.ToJson(new GroupNode()));
    }

    [Fact]
    public void ChangingToAFieldOfAnotherKindResetsOperatorAndValue()
    {
        var condition = new ConditionNode { Field = "plan", Operator = "not_in", Texts = ["plan_a"] };

        condition.ChangeField("product");
        Assert.Equal("not_in", condition.Operator);
        Assert.Equal(["plan_a"], condition.Texts);

        condition.ChangeField("tenure_days");
        Assert.Equal(("==", 0L), (condition.Operator, condition.Number));
        Assert.Empty(condition.Texts);
    }
}
