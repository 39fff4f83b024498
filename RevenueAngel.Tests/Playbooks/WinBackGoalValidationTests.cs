using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Playbooks;

public sealed class WinBackGoalValidationTests
{
    private static IReadOnlyDictionary<string, string[]> Validate(PlaybookTrigger trigger, PlaybookGoal goal)
    {
        using var templates = new LiquidTemplates(Options.Create(new MessagingOptions()));
        var draft = new PlaybookDraft
        {
            Name = "Come back", Type = PlaybookType.ChurnSave, Trigger = trigger, Goal = goal,
            Steps = [new StepDraft { DelayMinutes = 0, Title = "We miss you", Body = "Rejoin today." }],
        };
        return new PlaybookValidator(templates).Validate(draft, []);
    }

    [Fact]
    public void AWinBackGoalIsAcceptedForAMembershipDeactivatedChurnSavePlaybook() =>
        Assert.False(Validate(PlaybookTrigger.MembershipDeactivated, PlaybookGoal.WinBack).ContainsKey("goal"));

    [Theory]
    [InlineData(PlaybookTrigger.PaymentFailed)]
    [InlineData(PlaybookTrigger.CancelRequested)]
    [InlineData(PlaybookTrigger.SegmentEntry)]
    public void AWinBackGoalOnAnyOtherTriggerIsRefusedUnderTheGoal(PlaybookTrigger trigger) =>
        Assert.Equal(["A win-back starts on a membership ending."], Validate(trigger, PlaybookGoal.WinBack)["goal"]);

    [Fact]
    public void AMembershipDeactivatedPlaybookOffersWinBackFirstAndOnlyChurnSaveDoes()
    {
        Assert.Equal(PlaybookGoal.WinBack, PlaybookValidator.AllowedGoals(PlaybookType.ChurnSave, PlaybookTrigger.MembershipDeactivated)[0]);
        Assert.DoesNotContain(PlaybookGoal.WinBack, PlaybookValidator.AllowedGoals(PlaybookType.ChurnSave, PlaybookTrigger.PaymentFailed));
        Assert.DoesNotContain(PlaybookGoal.WinBack, PlaybookValidator.AllowedGoals(PlaybookType.Upsell));
    }
}
