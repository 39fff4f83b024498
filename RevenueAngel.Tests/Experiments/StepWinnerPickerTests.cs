using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Experiments;

public sealed class StepWinnerPickerTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private CoreHost Host => hosts[BothProvidersFixture.Postgres];

    /// 500 subjects saw A and 500 saw B, with these conversions each; returns the step's id.
    private async Task<long> StepTestAsync(int convertedA, int convertedB)
    {
        await using var db = Host.CreateDbContext();
        var entered = DateTimeOffset.UtcNow.AddDays(-3);
        var (companyId, members, playbook, step) = await ExperimentWorld.CreateAsync(db, "P", members: 1000, entered, enabled: true);
        for (var i = 0; i < 1000; i++)
        {
            var isB = i >= 500;
            var enrollment = new Enrollment { CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = members[i].Id, Group = "treatment", EnteredAt = entered };
            if ((isB ? i - 500 : i) < (isB ? convertedB : convertedA)) enrollment.Convert(entered.AddDays(1));
            db.Enrollments.Add(enrollment);
            db.ExperimentAssignments.Add(new ExperimentAssignment
            {
                CompanyId = companyId, ExperimentKey = PlaybookStep.ExperimentKeyOf(step.Id), SubjectKind = SubjectKind.Member, SubjectId = members[i].Id,
                Group = isB ? "B" : "A", AssignedAt = entered,
            });
        }
        await db.SaveChangesAsync(Ct);
        return step.Id;
    }

    [Fact]
    public async Task AVariantThatClearlyBeatsABecomesTheWinnerAndAnUndecidedTestKeepsRunning()
    {
        var decided = await StepTestAsync(convertedA: 25, convertedB: 100);
        var undecided = await StepTestAsync(convertedA: 50, convertedB: 55);

        await Host.Get<StepWinnerPicker>().PickAsync(Ct);

        await using var db = Host.CreateDbContext();
        var winners = await db.PlaybookSteps.Where(s => s.Id == decided || s.Id == undecided).ToDictionaryAsync(s => s.Id, s => s.WinnerVariant, Ct);
        Assert.Equal("B", winners[decided]);
        Assert.Null(winners[undecided]);
    }

    [Fact]
    public void WhenEveryVariantLosesToAItIsAThatWins()
    {
        static ArmSummary Arm(string group, long conversions) => new(group, 1000, conversions, 0, 0);
        var a = Arm("A", 150);
        var arms = new[] { a, Arm("B", 60), Arm("C", 70) };
        var step = new StepExperiment(1, 1, null, [.. arms.Select(ArmResult.Of)],
            [ExperimentEstimator.VariantVsBase(a, arms[1]), ExperimentEstimator.VariantVsBase(a, arms[2])]);

        Assert.Equal("A", StepWinnerPicker.WinnerOf(step));
        Assert.Null(StepWinnerPicker.WinnerOf(step with { Comparisons = [step.Comparisons[0], ExperimentEstimator.VariantVsBase(a, Arm("C", 148))] }));
    }
}
