using RevenueAngel.Core.Companies;
using Bunit;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Playbooks.Steps;

namespace RevenueAngel.Tests.Components.Playbooks;

public sealed class StepListTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly PlaybookDraft _draft = new()
    {
        Name = "Steps",
        Steps =
        [
            new StepDraft { Id = 1, Title = "First", Body = "One" },
            new StepDraft { Id = 2, DelayMinutes = 2 * 24 * 60 + 3 * 60, Title = "Second", Body = "Two" },
        ],
    };

    public StepListTests(DemoCoreFixture demo) => UsePageServices(demo.Core);

    [Fact]
    public void ShowsEachDelayInDaysAndHoursAfterThePreviousStep()
    {
        var cut = RenderList();

        var delays = cut.FindAll("[data-testid=step-delay-text]").Select(e => e.TextContent).ToList();
        Assert.Equal(["As soon as they enter", "2 days 3 hours after the previous step"], delays);
    }

    [Fact]
    public void AWinBackStepSentAsPushSaysAChurnedMemberCannotGetIt()
    {
        (_draft.Type, _draft.Trigger) = (PlaybookType.ChurnSave, PlaybookTrigger.MembershipDeactivated);
        _draft.Steps[1].Channel = Core.Messaging.MessageChannel.DirectMessage;

        var cut = RenderList();

        var warnings = cut.FindAll("[data-testid=push-unreachable]");
        Assert.Single(warnings);
        Assert.Contains("direct message", warnings[0].TextContent);
    }

    [Fact]
    public void AStepTimedBeforeWhopsRetrySaysSo()
    {
        (_draft.Type, _draft.Trigger) = (PlaybookType.ChurnSave, PlaybookTrigger.PaymentFailed);
        (_draft.Steps[1].DelayMinutes, _draft.Steps[1].Timing) = (6 * 60, StepTiming.BeforeNextRetry);

        var cut = RenderList();

        Assert.Equal("6 hours before Whop's next retry", cut.FindAll("[data-testid=step-delay-text]")[1].TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=step-timing]").Count);
    }

    [Fact]
    public void AddingAStepAppendsAnEmptyOneADayLater()
    {
        var cut = RenderList();

        cut.Find("[data-testid=add-step]").Click();

        Assert.Equal(3, cut.FindAll("[data-testid=step]").Count);
        Assert.Equal((null, "", 24 * 60), (_draft.Steps[2].Id, _draft.Steps[2].Title, _draft.Steps[2].DelayMinutes));
        Assert.Equal("1 day after the previous step", cut.FindAll("[data-testid=step-delay-text]")[2].TextContent);
    }

    [Fact]
    public void MovingAStepDownSwapsItWithTheNextAndTheFormsFollow()
    {
        var cut = RenderList();

        cut.FindAll("[data-testid=step-down] button, button[data-testid=step-down]")[0].Click();

        Assert.Equal(["Second", "First"], _draft.Steps.Select(s => s.Title));
        Assert.Equal(["Second", "First"], cut.FindAll("[data-testid=step-title] input, input[data-testid=step-title]").Select(i => i.GetAttribute("value")));
        Assert.True(cut.FindAll("button[data-testid=step-up]")[0].HasAttribute("disabled"));
    }

    [Fact]
    public void RemovingAStepDropsItFromTheDraft()
    {
        var cut = RenderList();

        cut.FindAll("button[data-testid=step-remove]")[0].Click();

        Assert.Equal([2L], _draft.Steps.Select(s => s.Id!.Value));
        Assert.Single(cut.FindAll("[data-testid=step]"));
        Assert.Equal("2 days 3 hours after they enter", cut.Find("[data-testid=step-delay-text]").TextContent);
    }

    private IRenderedComponent<StepList> RenderList() => Render<StepList>(p => p
        .Add(x => x.Company, new CompanyScope("biz_demo"))
        .Add(x => x.Draft, _draft));
}
