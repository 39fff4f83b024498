using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Demo;

/// The demo's members respond to messages with a known lift over each playbook's holdout, so a creator trying the
/// demo sees what the product does: the report's interval covers the simulated lift, and it is above zero overall.
public sealed class DemoLiftTests(DemoCoreFixture demo) : IClassFixture<DemoCoreFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachDefaultPlaybooksHoldoutIntervalCoversTheLiftTheDemoSimulates()
    {
        await using var db = demo.Core.CreateDbContext();
        var playbooks = await db.Playbooks.Where(p => p.CompanyId == "biz_demo").ToListAsync(Ct);
        var report = demo.Core.Get<ExperimentReport>();
        var checkedPlaybooks = 0;
        foreach (var playbook in playbooks)
        {
            var enrolments = await db.Enrollments.Where(e => e.PlaybookId == playbook.Id).ToListAsync(Ct);
            if (enrolments.Count < 50) continue;
            var converted = (double)enrolments.Count(e => e.Status == EnrollmentStatus.Converted) / enrolments.Count;
            var h = playbook.HoldoutPercent / 100.0;
            var holdoutRate = converted / (h + (1 - h) * (1 + DemoOutreach.SimulatedLift));
            var simulatedPoints = holdoutRate * DemoOutreach.SimulatedLift;

            var comparison = (await report.GetAsync("biz_demo", playbook.Id, Ct))!.Holdout!;

            Assert.True(comparison.LiftInterval.Low <= simulatedPoints && simulatedPoints <= comparison.LiftInterval.High,
                $"{string.Join(" ", enrolments.GroupBy(e => (e.Group, e.Status)).Select(g => $"{g.Key}={g.Count()}"))} {playbook.Name}: simulated lift {simulatedPoints:P1}, measured {comparison.Lift:P1} in [{comparison.LiftInterval.Low:P1}, {comparison.LiftInterval.High:P1}]");
            Assert.True(comparison.Lift > 0, $"{playbook.Name}: measured lift {comparison.Lift:P1}");
            checkedPlaybooks++;
        }
        Assert.Equal(3, checkedPlaybooks);
    }
}
