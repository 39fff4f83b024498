using Bunit;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Components.Playbooks;

/// An email step in the editor: its preheader, what it says when email is not configured, and its preview as the
/// rendered email inside a sandboxed frame.
public sealed class EmailStepFieldsTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    public EmailStepFieldsTests(DemoCoreFixture demo) => UsePageServices(demo.Core);

    [Fact]
    public void AnEmailStepHasAPreheaderFieldAndSaysEmailIsOffWithoutSettings()
    {
        var step = new StepDraft { Channel = MessageChannel.Email, Title = "Hi", Body = "Body" };
        var cut = Render<StepEmailFields>(p => p.Add(x => x.Step, step));

        cut.Find("[data-testid=step-preheader]").Input("Three quick wins");

        Assert.Equal("Three quick wins", step.Preheader);
        Assert.Contains("Email:Host", cut.Find("[data-testid=email-off]").TextContent);
    }

    [Fact]
    public void APushStepWithoutAnEmailFallbackHasNoEmailFieldsAndOneWithItHasThem()
    {
        var step = new StepDraft { Channel = MessageChannel.Push, Title = "Hi", Body = "Body" };
        var cut = Render<StepEmailFields>(p => p.Add(x => x.Step, step));
        Assert.Empty(cut.FindAll("[data-testid=step-email-fields]"));

        step.FallbackChannel = MessageChannel.Email;
        cut.Render(p => p.Add(x => x.Step, step));
        Assert.Single(cut.FindAll("[data-testid=step-preheader]"));
    }

    [Fact]
    public void AnEmailStepsPreviewIsTheRenderedEmailInASandboxedFrameAndItsTestGoesToATypedAddress()
    {
        var draft = new PlaybookDraft
        {
            Name = "Email", Type = PlaybookType.Nurture,
            Steps = [new StepDraft { Channel = MessageChannel.Email, Title = "Welcome to {{ community_name }}", Body = "Hi **{{ first_name }}**", Preheader = "Start here" }],
        };
        var cut = Render<TemplateEditor>(p => p.Add(x => x.Company, new CompanyScope("biz_demo")).Add(x => x.Draft, draft).Add(x => x.StepIndex, 0));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=preview-email]")), TimeSpan.FromSeconds(10));
        var frame = cut.Find("[data-testid=preview-email]");
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Contains("<strong>", frame.GetAttribute("srcdoc"));
        Assert.Contains("Unsubscribe", frame.GetAttribute("srcdoc"));
        Assert.Equal("Start here", cut.Find("[data-testid=preview-preheader]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=preview-body]"));
        Assert.Single(cut.FindAll("[data-testid=test-address]"));
    }
}
