using RevenueAngel.Core.Companies;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Components.Experiments;

namespace RevenueAngel.Tests.Components.Experiments;

public sealed class ExperimentPanelTests : MudTestContext, IClassFixture<BothProvidersFixture>
{
    private readonly CoreHost _core;

    public ExperimentPanelTests(BothProvidersFixture hosts)
    {
        _core = hosts[BothProvidersFixture.Postgres];
        Services.AddSingleton(_core.Get<ExperimentReport>());
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// 300 messaged (75 converted) and 100 held out (3 converted), each conversion $50; step 1 has a B variant with only
    /// 10 subjects so far.
    private async Task<(string CompanyId, long PlaybookId)> SeedAsync()
    {
        await using var db = _core.CreateDbContext();
        var entered = DateTimeOffset.UtcNow.AddDays(-7);
        var (companyId, members, playbook, step) = await RevenueAngel.Tests.Experiments.ExperimentWorld.CreateAsync(db, "Pro nudge", members: 400, entered, holdoutPercent: 25);
        for (var i = 0; i < 400; i++)
        {
            var held = i >= 300;
            var enrollment = new Enrollment
            {
                CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = members[i].Id, Group = held ? "holdout" : "treatment", EnteredAt = entered,
            };
            if (held ? i < 303 : i < 75)
            {
                enrollment.Convert(entered.AddDays(1));
                db.Conversions.Add(new Conversion
                {
                    CompanyId = companyId, MemberId = members[i].Id, WhopPaymentId = $"pay_{companyId}_{i}", Type = ConversionType.Upgrade,
                    RevenueCents = 5000, CreatedAt = entered.AddDays(1),
                });
            }
            db.Enrollments.Add(enrollment);
        }
        db.ExperimentAssignments.AddRange(Enumerable.Range(0, 10).Select(i => new ExperimentAssignment
        {
            CompanyId = companyId, ExperimentKey = PlaybookStep.ExperimentKeyOf(step.Id), SubjectKind = SubjectKind.Member, SubjectId = members[100 + i].Id,
            Group = i % 2 == 0 ? "A" : "B", AssignedAt = entered,
        }));
        await db.SaveChangesAsync(Ct);
        return (companyId, playbook.Id);
    }

    [Fact]
    public async Task ShowsTheArmsTheirIntervalsTheLiftIncrementalRevenueAndTheVerdictWithItsRule()
    {
        var (companyId, playbookId) = await SeedAsync();

        var cut = Render<ExperimentPanel>(p => p.Add(x => x.Company, new CompanyScope(companyId)).Add(x => x.PlaybookId, playbookId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=arm-treatment]")));
        Assert.Equal(["Messaged", "300", "75", "25.0%20.4–30.2%", "$12.50"], Cells(cut.FindAll("[data-testid=arm-treatment]")[0]));
        Assert.Equal(["Holdout", "100", "3", "3.0%1.0–8.5%", "$1.50"], Cells(cut.FindAll("[data-testid=arm-holdout]")[0]));
        var comparison = cut.Find("[data-testid=comparison-treatment]");
        Assert.Equal("Treatment lifts conversions", comparison.QuerySelector("[data-testid=verdict]")!.TextContent.Trim());
        Assert.Contains("+22.0 pts", comparison.QuerySelector("[data-testid=lift]")!.TextContent);
        Assert.Contains("+14.9 to +27.6 pts", comparison.QuerySelector("[data-testid=lift]")!.TextContent);
        Assert.Contains("+7.0 to +37.0 pts", comparison.QuerySelector("[data-testid=decision-interval]")!.TextContent);
        Assert.Contains("$3,300", comparison.QuerySelector("[data-testid=incremental-revenue]")!.TextContent);
        Assert.Contains("$2,408 to $4,192", comparison.QuerySelector("[data-testid=incremental-revenue]")!.TextContent);
        Assert.Equal(SampleSizeRule.Explanation, cut.Find("[data-testid=verdict-explanation]").TextContent.Trim());
    }

    [Fact]
    public async Task AStepTestWithFewSubjectsSaysHowFarItIsFromAVerdict()
    {
        var (companyId, playbookId) = await SeedAsync();

        var cut = Render<ExperimentPanel>(p => p.Add(x => x.Company, new CompanyScope(companyId)).Add(x => x.PlaybookId, playbookId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=comparison-B]")));
        Assert.Contains("Step 1: A/B test", cut.Find("[data-testid=step-experiment]").TextContent);
        Assert.Equal("Not enough data yet (5 of 100 subjects in A)",
            cut.Find("[data-testid=comparison-B] [data-testid=verdict]").TextContent.Trim());
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) =>
        [.. row.QuerySelectorAll("td").Select(td => string.Concat(td.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))];
}
