using Bunit;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Settings;

namespace RevenueAngel.Tests.Components.Settings;

public sealed class MessagingRulesFormTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly DemoCoreFixture _demo;

    public MessagingRulesFormTests(DemoCoreFixture demo)
    {
        _demo = demo;
        UsePageServices(demo.Core);
    }

    [Fact]
    public async Task TheBrandVoiceIsSavedWithTheOtherSettings()
    {
        var cut = Render<MessagingRulesForm>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")));
        var voice = cut.WaitForElement("textarea[data-testid=brand-voice]");
        Assert.Contains("every AI draft follows it", cut.Markup);

        voice.Input("  Upbeat, we say traders, never users  ");
        cut.Find("button[data-testid=save-settings]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=settings-problems]")));
        string? saved = null;
        for (var i = 0; i < 50 && saved is null; i++)
        {
            saved = (await _demo.Core.Get<CompanyAdministration>().GetSettingsAsync("biz_demo", Xunit.TestContext.Current.CancellationToken))!.BrandVoice;
            if (saved is null) await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }
        Assert.Equal("Upbeat, we say traders, never users", saved);
    }

    [Fact]
    public void ABrandVoiceOverAThousandCharactersIsNotSaved()
    {
        var cut = Render<MessagingRulesForm>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")));

        cut.WaitForElement("textarea[data-testid=brand-voice]").Input(new string('x', CompanySettings.BrandVoiceMaxLength + 1));
        cut.Find("button[data-testid=save-settings]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Brand voice: at most 1,000 characters.", cut.Find("[data-testid=settings-problems]").TextContent));
    }
}
