using Bunit;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Pages.Analytics;

namespace RevenueAngel.Tests.Components.Analytics;

public sealed class AnalyticsPageTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    public AnalyticsPageTests(DemoCoreFixture demo) => UsePageServices(demo.Core);

    [Fact]
    public void TheDemoShowsItsPlaybooksAndTheFunnelOfTheOneThatEarnedMost()
    {
        var cut = Render<AnalyticsPage>(p => p.Add(x => x.CompanyId, "biz_demo"));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=playbook-name]")));
        var first = cut.FindAll("[data-testid=playbook-name]")[0].TextContent;
        // The chosen playbook's funnel loads after the table.
        cut.WaitForAssertion(() =>
        {
            Assert.Contains($"Funnel · {first}", cut.Markup);
            Assert.NotEmpty(cut.FindAll("[data-testid=funnel-step]"));
        });
        Assert.NotNull(cut.Find("[data-testid=experiment-section]"));
        Assert.Equal("/api/analytics/export/conversions.csv?companyId=biz_demo&days=30", cut.Find("[data-testid=export-conversions]").GetAttribute("href"));
    }
}
