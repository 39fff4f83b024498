using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Web.Components.Settings;

namespace RevenueAngel.Tests.Components.Settings;

public sealed class ClickTrackingPanelTests : MudTestContext
{
    [Fact]
    public void WithoutAPublicBaseUrlSettingsWarnsThatClicksAreNotTracked()
    {
        Services.AddSingleton(Options.Create(new MessagingOptions { PublicBaseUrl = null }));

        var panel = Render<ClickTrackingPanel>();

        var alert = panel.Find("[data-testid=public-base-url-missing]");
        Assert.Contains("Clicks are not tracked", alert.TextContent);
        Assert.Contains("Messaging__PublicBaseUrl", alert.TextContent);
    }

    [Fact]
    public void WithAPublicBaseUrlSettingsShowsWhereTrackedLinksGo()
    {
        Services.AddSingleton(Options.Create(new MessagingOptions { PublicBaseUrl = "https://ra.example.com/" }));

        var panel = Render<ClickTrackingPanel>();

        Assert.Empty(panel.FindAll("[data-testid=public-base-url-missing]"));
        Assert.Contains("https://ra.example.com/r/…", panel.Find("[data-testid=click-tracking]").TextContent);
    }
}
