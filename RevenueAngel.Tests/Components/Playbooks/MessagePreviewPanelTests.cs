using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Components.Playbooks;

/// The live preview renders when typing pauses, not on every keystroke.
public sealed class MessagePreviewPanelTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public MessagePreviewPanelTests(DemoCoreFixture demo)
    {
        Services.AddKeyedSingleton<TimeProvider>(Debouncer.ClockKey, _time);
        UsePageServices(demo.Core);
    }

    [Fact]
    public void ABurstOfKeystrokesRendersThePreviewOnceForTheLastText()
    {
        var cut = Render<TemplateEditor>(p => p
            .Add(x => x.Company, new CompanyScope("biz_demo"))
            .Add(x => x.Draft, new PlaybookDraft { Name = "Preview", Steps = [new StepDraft { Title = "Old title", Body = "Body" }] })
            .Add(x => x.StepIndex, 0));

        foreach (var typed in new[] { "{{", "{{ commu", "{{ community_name", "{{ community_name }}", "{{ community_name }} news" })
        {
            cut.Find("input").Input(typed);
            _time.Advance(MessagePreviewPanel.Quiet / 4);
        }

        // Typing never paused long enough: nothing rendered, neither the first title nor the half-typed "{{" that does not parse.
        Assert.Empty(cut.FindAll("[data-testid=preview-title]"));
        Assert.Empty(cut.FindAll("[data-testid=preview-error]"));
        _time.Advance(MessagePreviewPanel.Quiet);
        cut.WaitForAssertion(() => Assert.Equal("Demo Community news", cut.Find("[data-testid=preview-title]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=preview-error]"));
    }
}
