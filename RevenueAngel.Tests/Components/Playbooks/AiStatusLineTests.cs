using Bunit;
using RevenueAngel.Core.Companies;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Studio;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class AiStatusLineTests(DemoCoreFixture demo, DemoCoreWithModelFixture withModel)
    : MudTestContext, IClassFixture<DemoCoreFixture>, IClassFixture<DemoCoreWithModelFixture>
{
    [Fact]
    public void WithoutAKeyItSaysDraftsComeFromTheLibrary()
    {
        UsePageServices(demo.Core);

        var cut = Render<AiStatusLine>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")));

        Assert.Equal("No AI model configured: drafts come from the built-in library", cut.Find("[data-testid=ai-status]").TextContent.Trim());
    }

    [Fact]
    public void WithAModelItNamesItAndTheDraftsLeftThisMinuteButNeverTheKey()
    {
        UsePageServices(withModel.Core);

        var cut = Render<AiStatusLine>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")));

        Assert.Matches(@"^Drafting with openai/gpt-4o-mini · \d+ drafts? left this minute$", cut.Find("[data-testid=ai-status]").TextContent.Trim());
        Assert.DoesNotContain("test-key", cut.Markup);
    }
}
