using Bunit;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Web.Components.Analytics;

namespace RevenueAngel.Tests.Components.Analytics;

public sealed class SetupChecklistCardTests : MudTestContext
{
    [Fact]
    public void ANewCompanySeesWhichStepsAreDoneAndWhatToDoNext()
    {
        var cut = Render<SetupChecklistCard>(p => p.Add(x => x.Checklist,
            new SetupChecklist(Installed: true, FirstSyncDone: true, PlaybookEnabled: false, WebhookReceived: false, FirstConversion: false)));

        Assert.Contains("2 of 5 done", cut.Find("[data-testid=setup-checklist]").TextContent);
        var steps = cut.FindAll("[data-testid=setup-step]");
        Assert.Equal(["true", "true", "false", "false", "false"], steps.Select(s => s.GetAttribute("data-done")));
        Assert.Contains("Pick one in Playbooks and switch it on.", steps[2].TextContent);
        Assert.DoesNotContain("The first sync runs", steps[1].TextContent);
    }

    [Fact]
    public void TheChecklistDisappearsOnceEveryStepIsDone()
    {
        var cut = Render<SetupChecklistCard>(p => p.Add(x => x.Checklist, new SetupChecklist(true, true, true, true, true)));

        Assert.Empty(cut.FindAll("[data-testid=setup-checklist]"));
    }
}
