using Bunit;
using MudBlazor;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Web.Components.Dashboard;

namespace RevenueAngel.Tests.Components.Analytics;

public sealed class KpiCardTests : MudTestContext
{
    private IRenderedComponent<KpiCard> RenderCard(Change? change, bool lowerIsBetter = false) => Render<KpiCard>(p => p
        .Add(x => x.Label, "Recovered revenue")
        .Add(x => x.Value, "$63.00")
        .Add(x => x.Icon, Icons.Material.Filled.Healing)
        .Add(x => x.TestId, "kpi-recovered")
        .Add(x => x.PeriodLabel, "7 days")
        .Add(x => x.Change, change)
        .Add(x => x.LowerIsBetter, lowerIsBetter));

    [Fact]
    public void ARiseShowsAnUpArrowAndThePercentInGreen()
    {
        var cut = RenderCard(new Change(6300, 2000));

        var change = cut.Find("[data-testid=change]");
        Assert.Equal("up", change.GetAttribute("data-direction"));
        Assert.Contains("215%", change.TextContent);
        Assert.Contains("vs previous 7 days", change.TextContent.Replace("\u00a0", " "));
        Assert.Contains("mud-success-text", change.ClassList);
        Assert.Equal("$63.00", cut.Find("[data-testid=kpi-recovered]").TextContent);
    }

    [Fact]
    public void AFallShowsADownArrowAndThePercentInRed()
    {
        var cut = RenderCard(new Change(75, 100));

        var change = cut.Find("[data-testid=change]");
        Assert.Equal("down", change.GetAttribute("data-direction"));
        Assert.Contains("25%", change.TextContent);
        Assert.Contains("mud-error-text", change.ClassList);
    }

    [Fact]
    public void AFallIsGoodNewsWhenLowerIsBetter()
    {
        var cut = RenderCard(new Change(75, 100), lowerIsBetter: true);

        Assert.Contains("mud-success-text", cut.Find("[data-testid=change]").ClassList);
    }

    [Fact]
    public void SomethingFromNothingIsNewRatherThanAnInfinitePercent()
    {
        var cut = RenderCard(new Change(500, 0));

        var change = cut.Find("[data-testid=change]");
        Assert.Contains("new", change.TextContent);
        Assert.DoesNotContain("%", change.TextContent);
        Assert.DoesNotContain("∞", change.TextContent);
    }

    [Fact]
    public void NothingInEitherPeriodIsNoChange()
    {
        var cut = RenderCard(new Change(0, 0));

        Assert.Equal("flat", cut.Find("[data-testid=change]").GetAttribute("data-direction"));
        Assert.Contains("no change", cut.Find("[data-testid=change]").TextContent);
    }

    [Fact]
    public void ACardWithoutAComparisonShowsNoChangeLine()
    {
        var cut = RenderCard(change: null);

        Assert.Empty(cut.FindAll("[data-testid=change]"));
    }
}
