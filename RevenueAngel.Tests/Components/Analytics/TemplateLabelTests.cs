using RevenueAngel.Web.Components.Analytics;

namespace RevenueAngel.Tests.Components.Analytics;

public sealed class TemplateLabelTests
{
    [Theory]
    [InlineData("Last call, {{ first_name }}", "Last call, ‹first name›")]
    [InlineData("{{member_count}} members are already inside", "‹member count› members are already inside")]
    [InlineData("Hi {{ first_name | default: \"friend\" }}, {{- plan_name -}}!", "Hi ‹first name›, ‹plan name›!")]
    [InlineData("No variables here", "No variables here")]
    public void VariablesReadAsTheirNames(string template, string label) => Assert.Equal(label, TemplateLabel.Of(template));
}
