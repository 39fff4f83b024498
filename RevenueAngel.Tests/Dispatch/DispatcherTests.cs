using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Dispatch;

public sealed class DispatcherTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Task<DispatchRun> DispatchAsync() => app.Get<Dispatcher>().RunAsync(Ct);

    [Fact]
    public async Task ADueSendIsPushedToTheMemberThroughOurExperienceWithADeepLinkAndRecordedAsSent()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var playbook = await scenario.PlaybookAsync();
        var send = (await scenario.EnrollAsync(playbook)).Single();

        var run = await DispatchAsync();

        Assert.True(run.Sent >= 1);
        var push = DispatchScenario.Json(Assert.Single(scenario.Deliveries("notification")));
        Assert.Equal(scenario.Company.WhopExperienceId, push.GetProperty("experience_id").GetString());
        Assert.Equal([scenario.Members[0].WhopUserId], push.GetProperty("user_ids").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal($"/messages/{send.Id}", push.GetProperty("rest_path").GetString());
        Assert.Equal("Hi Maya1", push.GetProperty("title").GetString());
        Assert.Equal("Welcome to Growth Lab", push.GetProperty("content").GetString());
        Assert.Equal($"ra-send-{send.Id}", scenario.Deliveries("notification")[0].IdempotencyKey);
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 1, "Hi Maya1"), (stored.Status, stored.Attempts, stored.Title));
        await using var db = app.App.CreateDbContext();
        Assert.Equal(EnrollmentStatus.Completed, db.Enrollments.Single(e => e.Id == send.EnrollmentId).Status);
    }

    [Fact]
    public async Task ADirectMessageGoesToTheMembersSupportChatAsMarkdownWithItsCallToAction()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var playbook = await scenario.PlaybookAsync(steps: [(0, MessageChannel.DirectMessage)]);
        await using (var db = app.App.CreateDbContext())
        {
            var template = db.MessageTemplates.Single(t => t.Id == playbook.Steps[0].TemplateId);
            (template.CtaLabel, template.CtaUrl) = ("Update card", "{{ update_payment_url }}");
            await db.SaveChangesAsync(Ct);
        }
        var send = (await scenario.EnrollAsync(playbook)).Single();

        await DispatchAsync();

        Assert.Single(scenario.Deliveries("support_channel"));
        var message = DispatchScenario.Json(Assert.Single(scenario.Deliveries("message"))).GetProperty("content").GetString();
        Assert.Equal($"**Hi Maya1**\n\nWelcome to Growth Lab\n\n[Update card](https://whop.com/billing/manage/{scenario.Members[0].WhopMemberId}/)", message);
        Assert.Equal(SendStatus.Sent, (await scenario.ReloadAsync(send.Id)).Status);
        Assert.StartsWith("msg_", (await scenario.ReloadAsync(send.Id)).ExternalId);
    }

    [Fact]
    public async Task AFutureStepWaitsForItsTimeAndASecondRunSendsNothingAgain()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 2);
        var playbook = await scenario.PlaybookAsync(steps: [(0, MessageChannel.Push), (120, MessageChannel.Push)]);
        await scenario.EnrollAsync(playbook);

        await DispatchAsync();
        await DispatchAsync();
        Assert.Equal(2, scenario.Deliveries("notification").Count);

        app.Time.Advance(TimeSpan.FromMinutes(121));
        await DispatchAsync();
        await DispatchAsync();
        Assert.Equal(4, scenario.Deliveries("notification").Count);
        Assert.Equal(4, scenario.Deliveries("notification").Select(d => d.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task TwoDispatchersRunningAtOnceDeliverEachSendExactlyOnce()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 20);
        var playbook = await scenario.PlaybookAsync();
        var sends = await scenario.EnrollAsync(playbook);

        await Task.WhenAll(Task.Run(DispatchAsync, Ct), Task.Run(DispatchAsync, Ct), Task.Run(DispatchAsync, Ct));

        var keys = scenario.Deliveries("notification").Select(d => d.IdempotencyKey).ToList();
        Assert.Equal(20, keys.Count);
        Assert.Equal(sends.Select(s => $"ra-send-{s.Id}").Order(), keys.Order());
    }

    [Fact]
    public async Task TheCompanysSendRateCapsDeliveriesPerMinute()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 5, c => c.SendsPerMinute = 2);
        await scenario.EnrollAsync(await scenario.PlaybookAsync());

        await DispatchAsync();
        await DispatchAsync();
        Assert.Equal(2, scenario.Deliveries("notification").Count);

        app.Time.Advance(TimeSpan.FromSeconds(61));
        await DispatchAsync();
        Assert.Equal(4, scenario.Deliveries("notification").Count);
    }

    [Fact]
    public async Task WhenTheSendRateIsShortAHigherPriorityPlaybooksMessageGoesBeforeOlderUpsells()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 5, c => c.SendsPerMinute = 2);
        await scenario.EnrollAsync(await scenario.PlaybookAsync(PlaybookType.Upsell, priority: 20, title: "Upgrade"), scenario.Members.Take(4));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await scenario.EnrollAsync(await scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 100, title: "Card declined"), scenario.Members.Skip(4));

        await DispatchAsync();

        var titles = scenario.Deliveries("notification").Select(d => DispatchScenario.Json(d).GetProperty("title").GetString()).ToList();
        Assert.Equal(2, titles.Count);
        Assert.Contains("Card declined", titles);
    }

    [Fact]
    public async Task TheFrequencyCapAcrossPlaybooksDefersTheNextMessageUntilTheWindowHasRoom()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1, c => (c.FrequencyCapMessages, c.FrequencyCapDays) = (1, 7));
        var first = await scenario.EnrollAsync(await scenario.PlaybookAsync(priority: 20));
        var second = await scenario.EnrollAsync(await scenario.PlaybookAsync(PlaybookType.Upsell, priority: 20, title: "Second"));

        await DispatchAsync();

        Assert.Single(scenario.Deliveries("notification"));
        var sent = await scenario.ReloadAsync(first[0].Id) is { Status: SendStatus.Sent } f ? f : await scenario.ReloadAsync(second[0].Id);
        var waiting = sent.Id == first[0].Id ? await scenario.ReloadAsync(second[0].Id) : await scenario.ReloadAsync(first[0].Id);
        Assert.Equal(SendStatus.Scheduled, waiting.Status);
        Assert.Equal(sent.SentAt!.Value.AddDays(7).AddMinutes(1), waiting.ScheduledFor);
        Assert.Contains("frequency cap", waiting.LastError);
        Assert.Equal(0, waiting.Attempts);

        app.Time.Advance(TimeSpan.FromDays(7).Add(TimeSpan.FromMinutes(2)));
        await DispatchAsync();
        Assert.Equal(2, scenario.Deliveries("notification").Count);
    }

    [Fact]
    public async Task QuietHoursInTheCompanysZoneDeferTheSendToTheirEndThenItGoesOut()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), zone);
        var start = TimeOnly.FromDateTime(local.DateTime.AddHours(-1));
        var end = TimeOnly.FromDateTime(local.DateTime.AddHours(2));
        var scenario = await DispatchScenario.CreateAsync(app, members: 1, c => (c.TimeZone, c.QuietHoursStart, c.QuietHoursEnd) = (zone.Id, start, end));
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single();

        await DispatchAsync();

        Assert.Empty(scenario.Deliveries("notification"));
        var deferred = await scenario.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Scheduled, deferred.Status);
        Assert.Equal(QuietHours.DeferUntil(app.Time.GetUtcNow(), zone, start, end), deferred.ScheduledFor);
        Assert.Contains("quiet hours", deferred.LastError);

        app.Time.Advance(deferred.ScheduledFor - app.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        await DispatchAsync();
        Assert.Single(scenario.Deliveries("notification"));
    }

    [Fact]
    public async Task NobodyInAChurnSaveSequenceGetsAnUpsellUntilItEnds()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var save = await scenario.PlaybookAsync(PlaybookType.ChurnSave, priority: 100, title: "Your card", steps: [(600, MessageChannel.Push)]);
        var upsell = await scenario.PlaybookAsync(PlaybookType.Upsell, priority: 20, title: "Go Pro");
        await scenario.EnrollAsync(save);
        var pitch = (await scenario.EnrollAsync(upsell)).Single();

        await DispatchAsync();

        Assert.Empty(scenario.Deliveries("notification"));
        var waiting = await scenario.ReloadAsync(pitch.Id);
        Assert.Equal(SendStatus.Scheduled, waiting.Status);
        Assert.Contains("ChurnSave 100", waiting.LastError);

        await using (var db = app.App.CreateDbContext())
        {
            await GoalTracker.ReachGoalAsync(db, scenario.CompanyId, SubjectKind.Member, scenario.Members[0].Id, PlaybookGoal.PaymentRecovered,
                app.Time.GetUtcNow(), ct: Ct);
        }
        app.Time.Advance(TimeSpan.FromHours(7));
        await DispatchAsync();
        Assert.Equal("Go Pro", DispatchScenario.Json(Assert.Single(scenario.Deliveries("notification"))).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AGoalReachedCancelsTheRestOfTheSequenceInTheSameTransaction()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var playbook = await scenario.PlaybookAsync(PlaybookType.ChurnSave, steps: [(0, MessageChannel.Push), (60, MessageChannel.Push), (120, MessageChannel.Push)]);
        var sends = await scenario.EnrollAsync(playbook);
        await DispatchAsync();

        await using (var db = app.App.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var converted = await GoalTracker.ReachGoalAsync(db, scenario.CompanyId, SubjectKind.Member, scenario.Members[0].Id,
                PlaybookGoal.PaymentRecovered, app.Time.GetUtcNow(), ct: Ct);
            Assert.Single(converted);
            await transaction.RollbackAsync(Ct);
        }
        Assert.Equal(SendStatus.Scheduled, (await scenario.ReloadAsync(sends[1].Id)).Status);

        await using (var db = app.App.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await GoalTracker.ReachGoalAsync(db, scenario.CompanyId, SubjectKind.Member, scenario.Members[0].Id, PlaybookGoal.PaymentRecovered,
                app.Time.GetUtcNow(), ct: Ct);
            await transaction.CommitAsync(Ct);
        }
        app.Time.Advance(TimeSpan.FromHours(3));
        await DispatchAsync();

        Assert.Single(scenario.Deliveries("notification"));
        Assert.Equal([SendStatus.Sent, SendStatus.Canceled, SendStatus.Canceled],
            await Task.WhenAll(sends.Select(async s => (await scenario.ReloadAsync(s.Id)).Status)));
        await using var check = app.App.CreateDbContext();
        var enrollment = check.Enrollments.Single(e => e.Id == sends[0].EnrollmentId);
        Assert.Equal((EnrollmentStatus.Converted, "goal reached"), (enrollment.Status, enrollment.EndReason));
    }

    [Fact]
    public async Task DisablingAPlaybookStopsItsFutureSends()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 3);
        var playbook = await scenario.PlaybookAsync(steps: [(30, MessageChannel.Push)]);
        await scenario.EnrollAsync(playbook);

        Assert.True(await app.Get<PlaybookCatalog>().SetEnabledAsync(new CompanyScope(scenario.CompanyId), playbook.Id, false, Ct));
        app.Time.Advance(TimeSpan.FromMinutes(31));
        await DispatchAsync();

        Assert.Empty(scenario.Deliveries("notification"));
    }

    [Fact]
    public async Task AMemberWhoMatchesTheExitRuleLeavesTheSequenceInsteadOfBeingMessaged()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var playbook = await scenario.PlaybookAsync(exitRules: """{"all":[{"field":"membership_status","op":"in","value":["active"]}]}""",
            steps: [(0, MessageChannel.Push), (60, MessageChannel.Push)]);
        var sends = await scenario.EnrollAsync(playbook);

        await DispatchAsync();

        Assert.Empty(scenario.Deliveries("notification"));
        Assert.All(await Task.WhenAll(sends.Select(s => scenario.ReloadAsync(s.Id))), s => Assert.Equal(SendStatus.Canceled, s.Status));
        await using var db = app.App.CreateDbContext();
        var enrollment = await db.Enrollments.SingleAsync(e => e.Id == sends[0].EnrollmentId, Ct);
        Assert.Equal((EnrollmentStatus.Exited, "exit rule matched"), (enrollment.Status, enrollment.EndReason));
    }

    [Fact]
    public async Task AMessageThatCannotBeFilledInFailsWithTheReasonAndNothingReachesTheMember()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync(body: "Your {{ amount_due }} payment failed"))).Single();

        await DispatchAsync();

        Assert.Empty(scenario.Deliveries("notification"));
        var failed = await scenario.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Failed, failed.Status);
        Assert.Contains("amount_due", failed.LastError);
    }

    [Fact]
    public async Task ALeadWithoutAWhopAccountIsSkippedNotExitedAndResumesWithItsSpacingOnceLinked()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 0);
        var playbook = await scenario.PlaybookAsync(PlaybookType.Nurture, steps: [(0, MessageChannel.Push), (60, MessageChannel.Push)]);
        await using var db = app.App.CreateDbContext();
        var lead = new Core.Leads.Lead { CompanyId = scenario.CompanyId, Email = "sam@example.com", Source = "web", CapturedAt = app.Time.GetUtcNow() };
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Ct);
        var enrollment = new Enrollment { CompanyId = scenario.CompanyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = lead.Id, EnteredAt = app.Time.GetUtcNow() };
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(Ct);
        db.Sends.AddRange(playbook.Steps.Select(st => Send.Schedule(scenario.CompanyId, playbook.Id, st.Id, enrollment.Id, st.Channel, app.Time.GetUtcNow())));
        await db.SaveChangesAsync(Ct);

        await DispatchAsync();

        await using (var check = app.App.CreateDbContext())
        {
            Assert.All(check.Sends.Where(x => x.EnrollmentId == enrollment.Id).ToList(), x =>
            {
                Assert.Equal(SendStatus.Scheduled, x.Status);
                Assert.Equal(Core.Leads.LeadReachability.ParkedReason, x.LastError);
                Assert.True(x.ScheduledFor > app.Time.GetUtcNow());
            });
            Assert.Equal(EnrollmentStatus.Active, check.Enrollments.Single(e => e.Id == enrollment.Id).Status);
        }
        Assert.Empty(scenario.Deliveries("notification"));

        // Linked to a Whop account: the first parked step is due now, the second an hour after it, as designed.
        await using (var link = app.App.CreateDbContext())
            await Core.Leads.LeadLinker.FindAsync(link, scenario.CompanyId, new Core.Leads.WhopLeadIdentity($"user_{scenario.CompanyId}_sam", "sam@example.com", null, null),
                app.Time.GetUtcNow(), Ct);
        await DispatchAsync();

        Assert.Single(scenario.Deliveries("notification"));
        await using var after = app.App.CreateDbContext();
        var sends = after.Sends.Where(x => x.EnrollmentId == enrollment.Id).OrderBy(x => x.StepId).ToList();
        Assert.Equal(SendStatus.Sent, sends[0].Status);
        Assert.Equal((SendStatus.Scheduled, app.Time.GetUtcNow().AddMinutes(60)), (sends[1].Status, sends[1].ScheduledFor));
    }
}
