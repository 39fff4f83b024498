using Bunit;
using MudBlazor;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Components.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Rules;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class RuleBuilderTests : MudTestContext
{
    private string? _json;

    [Fact]
    public void AddingAConditionAndAGroupWritesTheRulesJson()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderBuilder("{}", SubjectKind.Member);

        cut.Find("[data-testid=add-condition]").Click();
        Pick(popovers, () => cut.FindAll("[data-testid=rule-value]")[0], "Active");
        cut.FindAll("[data-testid=add-group]")[0].Click();
        Pick(popovers, () => cut.FindAll("[data-testid=rule-field]")[1], "Tenure days");
        Pick(popovers, () => cut.FindAll("[data-testid=rule-operator]")[1], "≥");
        cut.FindAll("[data-testid=rule-value] input")[1].Input("30");

        Assert.Equal(
            """{"all":[{"field":"membership_status","op":"in","value":["active"]},{"any":[{"field":"tenure_days","op":">=","value":30}]}]}""",
            _json);
        Assert.Equal(2, cut.FindAll("[data-testid=rule-group]").Count);
    }

    [Fact]
    public void LoadingRulesJsonShowsEveryConditionWithItsValue()
    {
        var cut = RenderBuilder(
            """{"any":[{"field":"plan","op":"in","value":["plan_pro"]},{"all":[{"field":"tenure_days","op":">=","value":30},{"field":"cancel_at_period_end","op":"==","value":true}]}]}""",
            SubjectKind.Member, [new PlanOption("plan_pro", "Pro · $49.00")]);

        var groups = cut.FindAll("[data-testid=rule-group]");
        Assert.Equal(2, groups.Count);
        Assert.Equal(3, cut.FindAll("[data-testid=rule-condition]").Count);
        var rootMatch = cut.FindAll("[data-testid=rule-match]")[0];
        Assert.Contains("mud-toggle-item-selected", rootMatch.QuerySelectorAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "any").ClassName);
        var inputs = cut.FindAll("[data-testid=rule-condition] input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("Plan", inputs);
        Assert.Contains("Pro · $49.00", inputs);
        Assert.Contains("Tenure days", inputs);
        Assert.Contains("30", inputs);
        Assert.Contains("Yes", cut.FindAll("[data-testid=rule-value]")[2].TextContent);
        Assert.Null(_json);
    }

    [Fact]
    public void RemovingTheLastConditionMatchesEveryone()
    {
        var cut = RenderBuilder("""{"all":[{"field":"lead_age_days","op":"<=","value":7}]}""", SubjectKind.Lead);

        cut.Find("[aria-label='Remove condition']").Click();

        Assert.Equal("{}", _json);
        Assert.Contains("No conditions", cut.Markup);
    }

    [Fact]
    public void StoredRulesThatCannotBeReadAreReportedInsteadOfDropped()
    {
        var cut = RenderBuilder("""{"all":[{"field":"lead_age_days","op":"<=","value":7}]}""", SubjectKind.Member);

        Assert.Contains("lead_age_days", cut.Find("[data-testid=rule-problems]").TextContent);
    }

    private IRenderedComponent<RuleBuilder> RenderBuilder(string json, SubjectKind subject, IReadOnlyList<PlanOption>? plans = null) =>
        Render<RuleBuilder>(p => p
            .Add(x => x.Value, json)
            .Add(x => x.Subject, subject)
            .Add(x => x.Plans, plans ?? [])
            .Add(x => x.ValueChanged, (string value) => _json = value));

}
