using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Playbooks;

public sealed class SegmentEnrollerTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private sealed record Setup(string CompanyId, long PlaybookId, List<long> ProMembers, List<long> Steps);

    private static async Task<Setup> SetUpAsync(CoreHost host, int holdout = 0, int? reentryDays = null, bool enabled = true)
    {
        await using var db = host.CreateDbContext();
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        db.Companies.Add(new Company { Id = companyId, Name = "Enrol", InstalledAt = DateTimeOffset.UtcNow });
        db.Plans.AddRange(
            new Plan { Id = $"basic_{companyId}", CompanyId = companyId, Title = "Basic", RenewalPriceCents = 1900, BillingPeriodDays = 30 },
            new Plan { Id = $"pro_{companyId}", CompanyId = companyId, Title = "Pro", RenewalPriceCents = 4900, BillingPeriodDays = 30 });
        var members = Enumerable.Range(0, 60).Select(i => new Member { CompanyId = companyId, WhopUserId = $"user_{i}", CreatedAt = DateTimeOffset.UtcNow }).ToList();
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
            CompanyId = companyId, Name = "Pro care", Type = PlaybookType.Upsell, Enabled = enabled, HoldoutPercent = holdout, ReentryAfterDays = reentryDays,
            TargetRules = $$"""{"all":[{"field":"plan","op":"in","value":["pro_{{companyId}}"]}]}""", CreatedAt = DateTimeOffset.UtcNow,
        };
        playbook.Steps.Add(new PlaybookStep { Position = 1, DelayMinutes = 0, Channel = MessageChannel.Push, TemplateId = template.Id });
        playbook.Steps.Add(new PlaybookStep { Position = 2, DelayMinutes = 2880, Channel = MessageChannel.DirectMessage, TemplateId = template.Id });
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(Ct);
        return new Setup(companyId, playbook.Id, [.. members.Where((_, i) => i % 3 == 0).Select(m => m.Id)], [.. playbook.Steps.Select(s => s.Id)]);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task EveryMatchIsEnrolledOnceWithOneSendPerStepAtItsDelay(string provider)
    {
        var setup = await SetUpAsync(hosts[provider]);

        var run = await hosts[provider].Get<SegmentEnroller>().EnrollAsync(setup.PlaybookId, Ct);

        Assert.Equal(new EnrollmentRun(20, 40), run);
        await using var db = hosts[provider].CreateDbContext();
        var enrollments = await db.Enrollments.Where(e => e.PlaybookId == setup.PlaybookId).ToListAsync(Ct);
        Assert.Equal(setup.ProMembers.Order(), enrollments.Select(e => e.SubjectId).Order());
        Assert.All(enrollments, e => Assert.Equal((EnrollmentStatus.Active, 1, "treatment", SubjectKind.Member), (e.Status, e.EntryNumber, e.Group, e.SubjectKind)));
        var sends = await db.Sends.Where(s => s.PlaybookId == setup.PlaybookId).ToListAsync(Ct);
        var enteredAt = enrollments[0].EnteredAt;
        Assert.All(sends, s => Assert.Equal(SendStatus.Scheduled, s.Status));
        Assert.Equal(20, sends.Count(s => s.StepId == setup.Steps[0] && s.ScheduledFor == enteredAt && s.Channel == MessageChannel.Push));
        Assert.Equal(20, sends.Count(s => s.StepId == setup.Steps[1] && s.ScheduledFor == enteredAt.AddDays(2) && s.Channel == MessageChannel.DirectMessage));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task RunningAgainChangesNothing(string provider)
    {
        var setup = await SetUpAsync(hosts[provider]);
        var enroller = hosts[provider].Get<SegmentEnroller>();
        await enroller.EnrollAsync(setup.PlaybookId, Ct);

        Assert.Equal(new EnrollmentRun(0, 0), await enroller.EnrollAsync(setup.PlaybookId, Ct));
    }

    [Fact]
    public async Task TwoConcurrentRunsEnrolEachSubjectOnce()
    {
        var setup = await SetUpAsync(hosts[BothProvidersFixture.Postgres]);
        var enroller = hosts[BothProvidersFixture.Postgres].Get<SegmentEnroller>();

        var runs = await Task.WhenAll(enroller.EnrollAsync(setup.PlaybookId, Ct), enroller.EnrollAsync(setup.PlaybookId, Ct));

        Assert.Equal(20, runs.Sum(r => r.Enrolled));
        Assert.Equal(40, runs.Sum(r => r.SendsScheduled));
        await using var db = hosts[BothProvidersFixture.Postgres].CreateDbContext();
        Assert.Equal(20, await db.Enrollments.CountAsync(e => e.PlaybookId == setup.PlaybookId, Ct));
        Assert.Equal(40, await db.Sends.CountAsync(s => s.PlaybookId == setup.PlaybookId, Ct));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task HeldOutSubjectsAreEnrolledButNeverMessaged(string provider)
    {
        var setup = await SetUpAsync(hosts[provider], holdout: 50);

        var run = await hosts[provider].Get<SegmentEnroller>().EnrollAsync(setup.PlaybookId, Ct);

        await using var db = hosts[provider].CreateDbContext();
        var held = await db.Enrollments.Where(e => e.PlaybookId == setup.PlaybookId && e.Group == "holdout").Select(e => e.Id).ToListAsync(Ct);
        Assert.InRange(held.Count, 4, 16);
        // The SQL path splits exactly as the one in-memory definition does.
        Assert.All(await db.Enrollments.Where(e => e.PlaybookId == setup.PlaybookId).ToListAsync(Ct),
            e => Assert.Equal(HoldoutSplit.GroupOf(setup.PlaybookId, SubjectKind.Member, e.SubjectId, 50), e.Group));
        Assert.Equal(20, run.Enrolled);
        Assert.Equal((20 - held.Count) * 2, run.SendsScheduled);
        Assert.False(await db.Sends.AnyAsync(s => held.Contains(s.EnrollmentId), Ct));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(30, 1)]
    public async Task AnEndedEnrollmentComesBackOnlyAfterTheCoolDown(int? reentryDays, int reenrolled)
    {
        var host = hosts[BothProvidersFixture.Postgres];
        var setup = await SetUpAsync(host, reentryDays: reentryDays);
        await using (var db = host.CreateDbContext())
        {
            var old = new Enrollment { CompanyId = setup.CompanyId, PlaybookId = setup.PlaybookId, SubjectId = setup.ProMembers[0], EnteredAt = DateTimeOffset.UtcNow.AddDays(-60) };
            old.Complete(DateTimeOffset.UtcNow.AddDays(-45));
            var recent = new Enrollment { CompanyId = setup.CompanyId, PlaybookId = setup.PlaybookId, SubjectId = setup.ProMembers[1], EnteredAt = DateTimeOffset.UtcNow.AddDays(-20) };
            recent.Exit(DateTimeOffset.UtcNow.AddDays(-10), "test");
            db.AddRange(old, recent);
            await db.SaveChangesAsync(Ct);
        }

        var run = await host.Get<SegmentEnroller>().EnrollAsync(setup.PlaybookId, Ct);

        Assert.Equal(18 + reenrolled, run.Enrolled);
        await using var check = host.CreateDbContext();
        Assert.Equal(reenrolled, await check.Enrollments.CountAsync(e => e.PlaybookId == setup.PlaybookId && e.EntryNumber == 2, Ct));
    }

    [Fact]
    public async Task ADisabledPlaybookEnrolsNobody()
    {
        var setup = await SetUpAsync(hosts[BothProvidersFixture.Sqlite], enabled: false);

        Assert.Equal(new EnrollmentRun(0, 0), await hosts[BothProvidersFixture.Sqlite].Get<SegmentEnroller>().EnrollAsync(setup.PlaybookId, Ct));
    }

    [Fact]
    public async Task NurtureEnrolsLeads()
    {
        var host = hosts[BothProvidersFixture.Postgres];
        var setup = await SetUpAsync(host);
        await using (var db = host.CreateDbContext())
        {
            db.Leads.AddRange(Enumerable.Range(0, 5).Select(i => new Lead
            {
                CompanyId = setup.CompanyId, Email = $"l{i}@example.com", Source = i < 3 ? "discord" : "x", CapturedAt = DateTimeOffset.UtcNow,
            }));
            var playbook = await db.Playbooks.SingleAsync(p => p.Id == setup.PlaybookId, Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE playbooks SET type = 'nurture', target_rules = {"""{"all":[{"field":"lead_source","op":"in","value":["discord"]}]}"""} WHERE id = {playbook.Id}", Ct);
            await db.SaveChangesAsync(Ct);
        }

        var run = await host.Get<SegmentEnroller>().EnrollAsync(setup.PlaybookId, Ct);

        Assert.Equal(3, run.Enrolled);
        await using var check = host.CreateDbContext();
        Assert.All(await check.Enrollments.Where(e => e.PlaybookId == setup.PlaybookId).ToListAsync(Ct), e => Assert.Equal(SubjectKind.Lead, e.SubjectKind));
    }
}
