using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Playbooks;

public sealed class PlaybookSchedulerTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Setup(string CompanyId, Playbook Playbook, List<Member> Members);

    /// 12 active members, every third on Pro; an enabled TierLift playbook for Basic members with two steps.
    private static async Task<Setup> SetUpAsync(CoreHost host, PlaybookTrigger trigger = PlaybookTrigger.SegmentEntry, int holdout = 0,
        string rules = "", int? reentryDays = null, int memberCount = 12)
    {
        await using var db = host.CreateDbContext();
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        var now = DateTimeOffset.UtcNow;
        db.Companies.Add(new Company { Id = companyId, Name = "Sched", InstalledAt = now });
        db.Plans.AddRange(
            new Plan { Id = $"basic_{companyId}", CompanyId = companyId, Title = "Basic", RenewalPriceCents = 1900, BillingPeriodDays = 30 },
            new Plan { Id = $"pro_{companyId}", CompanyId = companyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
        var members = Enumerable.Range(0, memberCount).Select(i => new Member { CompanyId = companyId, WhopUserId = $"user_{i}", CreatedAt = now.AddDays(-i) }).ToList();
        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "t", Body = "b" };
        db.AddRange(members);
        db.Add(template);
        await db.SaveChangesAsync(Ct);
        db.Memberships.AddRange(members.Select((m, i) => new Membership
        {
            Id = $"mem_{companyId}_{i}", CompanyId = companyId, MemberId = m.Id, PlanId = i % 3 == 0 ? $"pro_{companyId}" : $"basic_{companyId}",
            Status = "active", CreatedAt = m.CreatedAt, UpdatedAt = m.CreatedAt,
        }));
        var playbook = new Playbook
        {
            CompanyId = companyId, Name = "Lift", Type = trigger == PlaybookTrigger.SegmentEntry ? PlaybookType.Upsell : PlaybookType.ChurnSave,
            Enabled = true, Trigger = trigger, HoldoutPercent = holdout, ReentryAfterDays = reentryDays, CreatedAt = now,
            Goal = trigger == PlaybookTrigger.SegmentEntry ? PlaybookGoal.Upgrade : PlaybookGoal.PaymentRecovered,
            TargetRules = rules.Length > 0 ? rules : $$"""{"all":[{"field":"plan","op":"in","value":["basic_{{companyId}}"]}]}""",
        };
        playbook.Steps.Add(new PlaybookStep { Position = 1, DelayMinutes = 0, Channel = MessageChannel.Push, TemplateId = template.Id });
        playbook.Steps.Add(new PlaybookStep { Position = 2, DelayMinutes = 60, Channel = MessageChannel.DirectMessage, TemplateId = template.Id });
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(Ct);
        return new Setup(companyId, playbook, members);
    }

    private static async Task<SchedulerRun> RunAsync(CoreHost host) => await host.Get<PlaybookScheduler>().RunAsync(Ct);

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task RunningTwiceOrTwiceAtOnceEnrolsAndSchedulesEachOnlyOnce(string provider)
    {
        var host = hosts[provider];
        var setup = await SetUpAsync(host);

        await Task.WhenAll(RunAsync(host), RunAsync(host));
        await RunAsync(host);

        await using var db = host.CreateDbContext();
        Assert.Equal(8, await db.Enrollments.CountAsync(e => e.PlaybookId == setup.Playbook.Id, Ct));
        Assert.Equal(16, await db.Sends.CountAsync(s => s.PlaybookId == setup.Playbook.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task SubjectsThatMatchTheExitRulesLeaveAndTheirScheduledSendsAreCanceled(string provider)
    {
        var host = hosts[provider];
        var setup = await SetUpAsync(host);
        await RunAsync(host);
        var leaving = setup.Members[1];
        await using (var db = host.CreateDbContext())
        {
            db.Memberships.Single(m => m.MemberId == leaving.Id).CancelAtPeriodEnd = true;
            var playbook = db.Playbooks.Single(p => p.Id == setup.Playbook.Id);
            playbook.ExitRules = """{"all":[{"field":"cancel_at_period_end","op":"==","value":true}]}""";
            await db.SaveChangesAsync(Ct);
        }

        var run = await RunAsync(host);

        Assert.True(run.Exited >= 1);
        await using var check = host.CreateDbContext();
        var enrollment = check.Enrollments.Single(e => e.PlaybookId == setup.Playbook.Id && e.SubjectId == leaving.Id);
        Assert.Equal((EnrollmentStatus.Exited, "exit rule matched"), (enrollment.Status, enrollment.EndReason));
        Assert.All(check.Sends.Where(s => s.EnrollmentId == enrollment.Id).ToList(), s => Assert.Equal(SendStatus.Canceled, s.Status));
        Assert.Equal(7, check.Enrollments.Count(e => e.PlaybookId == setup.Playbook.Id && e.Status == EnrollmentStatus.Active));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AnEnrolmentWithEverySendDoneCompletesAndHeldOutOnesCompleteWhenTheSequenceWouldHaveEnded(string provider)
    {
        var host = hosts[provider];
        // Enough members that both arms surely have several (the split is a hash of the ids this run happens to use).
        var setup = await SetUpAsync(host, holdout: 50, memberCount: 60);
        await RunAsync(host);
        await using (var db = host.CreateDbContext())
        {
            var treated = db.Enrollments.First(e => e.PlaybookId == setup.Playbook.Id && e.Group == "treatment");
            foreach (var send in db.Sends.Where(s => s.EnrollmentId == treated.Id).ToList())
            {
                send.Claim(DateTimeOffset.UtcNow.AddMinutes(1));
                send.MarkSent(DateTimeOffset.UtcNow, null);
            }
            await db.SaveChangesAsync(Ct);
            await db.Enrollments.Where(e => e.PlaybookId == setup.Playbook.Id && e.Group == "holdout")
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.EnteredAt, DateTimeOffset.UtcNow.AddHours(-2)), Ct);
        }

        await RunAsync(host);

        await using var check = host.CreateDbContext();
        var enrollments = check.Enrollments.Where(e => e.PlaybookId == setup.Playbook.Id).ToList();
        Assert.Single(enrollments, e => e.Group == "treatment" && e.Status == EnrollmentStatus.Completed);
        Assert.All(enrollments.Where(e => e.Group == "holdout"), e => Assert.Equal(EnrollmentStatus.Completed, e.Status));
        Assert.Contains(enrollments, e => e.Group == "holdout");
        Assert.Contains(enrollments, e => e.Group == "treatment" && e.Status == EnrollmentStatus.Active);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AFailedPaymentEnrolsTheMemberOnceHoweverOftenItIsDeliveredAndSchedulesTheSequence(string provider)
    {
        var host = hosts[provider];
        var setup = await SetUpAsync(host, PlaybookTrigger.PaymentFailed, rules: "{}", reentryDays: 0);
        var member = setup.Members[2];
        var enroller = host.Get<EventEnroller>();

        async Task<int> DeliverAsync(string key)
        {
            await using var db = host.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var enrolled = await enroller.EnrollAsync(db, setup.CompanyId, member.Id, PlaybookTrigger.PaymentFailed, key, Ct);
            await transaction.CommitAsync(Ct);
            return enrolled.Count;
        }

        Assert.Equal(1, await DeliverAsync("pay_1"));
        Assert.Equal(0, await DeliverAsync("pay_1"));
        Assert.Equal(0, await DeliverAsync("pay_2"));
        Assert.Equal(0, await RunAsync(host) is { Enrolled: var enrolledBySegment } ? enrolledBySegment : -1);

        await using (var db = host.CreateDbContext())
        {
            var sends = db.Sends.Where(s => s.PlaybookId == setup.Playbook.Id).OrderBy(s => s.ScheduledFor).ToList();
            Assert.Equal(2, sends.Count);
            Assert.Equal(TimeSpan.FromMinutes(60), sends[1].ScheduledFor - sends[0].ScheduledFor);
            await GoalTracker.ReachGoalAsync(db, setup.CompanyId, SubjectKind.Member, member.Id, PlaybookGoal.PaymentRecovered, DateTimeOffset.UtcNow, ct: Ct);
        }

        Assert.Equal(1, await DeliverAsync("pay_3"));
        Assert.Equal(0, await DeliverAsync("pay_3"));
        await using var check = host.CreateDbContext();
        Assert.Equal(["pay_1", "pay_3"], check.Enrollments.Where(e => e.PlaybookId == setup.Playbook.Id).OrderBy(e => e.EntryNumber).Select(e => e.TriggerKey!).ToList());
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AnEventEnrolsOnlyWhenTheTargetRulesMatchTheMemberInMemory(string provider)
    {
        var host = hosts[provider];
        var setup = await SetUpAsync(host, PlaybookTrigger.PaymentFailed, rules: "");
        await using var db = host.CreateDbContext();

        var pro = await host.Get<EventEnroller>().EnrollAsync(db, setup.CompanyId, setup.Members[0].Id, PlaybookTrigger.PaymentFailed, "pay_a", Ct);
        var basic = await host.Get<EventEnroller>().EnrollAsync(db, setup.CompanyId, setup.Members[1].Id, PlaybookTrigger.PaymentFailed, "pay_b", Ct);
        var otherTrigger = await host.Get<EventEnroller>().EnrollAsync(db, setup.CompanyId, setup.Members[4].Id, PlaybookTrigger.CancelRequested, "mem_c", Ct);

        Assert.Empty(pro);
        Assert.Single(basic);
        Assert.Empty(otherTrigger);
    }
}
