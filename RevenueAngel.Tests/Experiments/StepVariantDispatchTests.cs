using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Experiments;

/// The dispatcher against the fake Whop: the holdout never hears from a playbook, and each treated subject gets the
/// copy of the variant they were assigned, recorded on the send.
public sealed class StepVariantDispatchTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<Playbook> WithVariantBAsync(DispatchScenario scenario, int percent, string? winner = null)
    {
        var playbook = await scenario.PlaybookAsync(title: "A: hi {{ first_name }}");
        await using var db = app.App.CreateDbContext();
        var template = new MessageTemplate { CompanyId = scenario.CompanyId, Name = "b", Title = "B: hey {{ first_name }}", Body = "Variant body" };
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(Ct);
        var step = await db.PlaybookSteps.SingleAsync(s => s.PlaybookId == playbook.Id, Ct);
        step.Variants.Add(new PlaybookStepVariant { Key = "B", Percent = percent, TemplateId = template.Id });
        step.WinnerVariant = winner;
        await db.SaveChangesAsync(Ct);
        return playbook;
    }

    [Fact]
    public async Task HeldOutMembersAreEnrolledButTheFakeWhopNeverReceivesAMessageForThem()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 30);
        var playbook = await scenario.PlaybookAsync();
        await using (var db = app.App.CreateDbContext())
        {
            (await db.Playbooks.SingleAsync(p => p.Id == playbook.Id, Ct)).HoldoutPercent = 50;
            await db.SaveChangesAsync(Ct);
        }

        await app.Get<SegmentEnroller>().EnrollAsync(playbook.Id, Ct);
        await app.Get<Dispatcher>().RunAsync(Ct);

        await using var check = app.App.CreateDbContext();
        var groups = await check.Enrollments.Where(e => e.PlaybookId == playbook.Id).ToDictionaryAsync(e => e.SubjectId, e => e.Group, Ct);
        var whopIds = scenario.Members.ToDictionary(m => m.Id, m => m.WhopUserId);
        var messaged = scenario.Deliveries("notification")
            .SelectMany(d => DispatchScenario.Json(d).GetProperty("user_ids").EnumerateArray().Select(u => u.GetString())).ToHashSet();
        var held = groups.Where(g => g.Value == HoldoutSplit.Holdout).Select(g => whopIds[g.Key]).ToList();
        var treated = groups.Where(g => g.Value == HoldoutSplit.Treatment).Select(g => whopIds[g.Key]).ToList();
        Assert.Equal(30, groups.Count);
        Assert.NotEmpty(held);
        Assert.Empty(held.Intersect(messaged));
        Assert.Equal(treated.Order(), messaged.Order());
    }

    [Fact]
    public async Task EachMemberGetsTheCopyOfTheVariantTheirHashAssignsAndTheSendRecordsIt()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 24);
        var playbook = await WithVariantBAsync(scenario, percent: 50);
        var sends = await scenario.EnrollAsync(playbook);

        await app.Get<Dispatcher>().RunAsync(Ct);

        var key = PlaybookStep.ExperimentKeyOf(playbook.Steps[0].Id);
        var expected = scenario.Members.ToDictionary(m => m.WhopUserId,
            m => VariantSplit.ArmOf(VariantSplit.BucketOf(key, SubjectKind.Member, m.Id), [("A", 50), ("B", 50)]));
        var titles = scenario.Deliveries("notification").Select(DispatchScenario.Json).ToDictionary(
            j => j.GetProperty("user_ids")[0].GetString()!, j => j.GetProperty("title").GetString()!);
        Assert.Equal(24, titles.Count);
        Assert.All(titles, t => Assert.StartsWith($"{expected[t.Key]}: ", t.Value));
        Assert.Contains("A", expected.Values);
        Assert.Contains("B", expected.Values);

        await using var db = app.App.CreateDbContext();
        var stored = await db.Sends.Where(s => s.PlaybookId == playbook.Id).Join(db.Enrollments, s => s.EnrollmentId, e => e.Id, (s, e) => new { e.SubjectId, s.Variant })
            .ToListAsync(Ct);
        var assignments = await db.ExperimentAssignments.Where(a => a.ExperimentKey == key).ToDictionaryAsync(a => a.SubjectId, a => a.Group, Ct);
        var byId = scenario.Members.ToDictionary(m => m.Id, m => expected[m.WhopUserId]);
        Assert.All(stored, s => Assert.Equal(byId[s.SubjectId], s.Variant));
        Assert.Equal(byId, assignments);
        Assert.Equal(sends.Count, stored.Count);
    }

    [Fact]
    public async Task AStoredAssignmentWinsOverTheSplitAndAWinnerTakesEveryNewSubjectWithoutJoiningTheTest()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 6);
        var playbook = await WithVariantBAsync(scenario, percent: 50, winner: "B");
        var key = PlaybookStep.ExperimentKeyOf(playbook.Steps[0].Id);
        var earlier = scenario.Members[0];
        await using (var db = app.App.CreateDbContext())
        {
            db.ExperimentAssignments.Add(new ExperimentAssignment
            {
                CompanyId = scenario.CompanyId, ExperimentKey = key, SubjectKind = SubjectKind.Member, SubjectId = earlier.Id, Group = "A",
            });
            await db.SaveChangesAsync(Ct);
        }
        await scenario.EnrollAsync(playbook);

        await app.Get<Dispatcher>().RunAsync(Ct);

        var titles = scenario.Deliveries("notification").Select(DispatchScenario.Json)
            .ToDictionary(j => j.GetProperty("user_ids")[0].GetString()!, j => j.GetProperty("title").GetString()!);
        Assert.Equal($"A: hi {earlier.Name!.Split(' ')[0]}", titles[earlier.WhopUserId]);
        Assert.All(scenario.Members.Skip(1), m => Assert.StartsWith("B: ", titles[m.WhopUserId]));
        await using var check = app.App.CreateDbContext();
        Assert.Equal([earlier.Id], await check.ExperimentAssignments.Where(a => a.ExperimentKey == key).Select(a => a.SubjectId).ToListAsync(Ct));
        Assert.All(await check.Sends.Where(s => s.PlaybookId == playbook.Id && s.EnrollmentId != 0).ToListAsync(Ct),
            s => Assert.Equal(s.Title!.StartsWith("A: ") ? "A" : "B", s.Variant));
    }
}
