using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Experiments;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Experiments;

/// The report's SQL against a dataset small enough to work out by hand, on PostgreSQL and SQLite.
public sealed class ExperimentReportTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Entered = DateTimeOffset.UtcNow.AddDays(-10);

    private sealed record Dataset(string CompanyId, long PlaybookId, long StepId);

    /// Treatment: m1 converted ($50 − $10 refund), m2 converted ($30), m3 active (a $99.99 payment from before it entered
    /// does not count), m4 completed. Holdout: m5 converted ($20), m6 exited (a $77.77 payment after it left does not
    /// count). Step 1 has a variant B: m1, m4 saw A; m2, m3 saw B; m5's stray assignment is ignored (held out).
    private static async Task<Dataset> SeedAsync(CoreHost host)
    {
        await using var db = host.CreateDbContext();
        var (companyId, members, playbook, step) = await ExperimentWorld.CreateAsync(db, "Upgrade nudge", members: 6, Entered, holdoutPercent: 30);

        var m = members.Select(x => x.Id).ToArray();
        Enrollment Enrol(long member, string group) => new() { CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = member, Group = group, EnteredAt = Entered };
        var enrolments = new[]
        {
            Enrol(m[0], "treatment"), Enrol(m[1], "treatment"), Enrol(m[2], "treatment"), Enrol(m[3], "treatment"),
            Enrol(m[4], "holdout"), Enrol(m[5], "holdout"),
        };
        enrolments[0].Convert(Entered.AddDays(2));
        enrolments[1].Convert(Entered.AddDays(3));
        enrolments[3].Complete(Entered.AddDays(4));
        enrolments[4].Convert(Entered.AddDays(5));
        enrolments[5].Exit(Entered.AddDays(1), "test");
        db.AddRange(enrolments);
        Conversion Paid(long member, long cents, DateTimeOffset at) => new()
        {
            CompanyId = companyId, MemberId = member, WhopPaymentId = $"pay_{Guid.NewGuid():N}", Type = ConversionType.Upgrade, RevenueCents = cents, CreatedAt = at,
        };
        var refunded = Paid(m[0], 5000, Entered.AddDays(2));
        db.AddRange(refunded, Paid(m[1], 3000, Entered.AddDays(3)), Paid(m[2], 9999, Entered.AddDays(-1)), Paid(m[4], 2000, Entered.AddDays(5)),
            Paid(m[5], 7777, Entered.AddDays(2)));
        await db.SaveChangesAsync(Ct);
        db.RevenueAdjustments.Add(new RevenueAdjustment
        {
            CompanyId = companyId, WhopObjectId = $"rf_{Guid.NewGuid():N}", WhopPaymentId = refunded.WhopPaymentId, ConversionId = refunded.Id,
            AmountCents = -1000, CreatedAt = Entered.AddDays(6),
        });
        var key = PlaybookStep.ExperimentKeyOf(step.Id);
        db.ExperimentAssignments.AddRange(new[] { (m[0], "A"), (m[1], "B"), (m[2], "B"), (m[3], "A"), (m[4], "B") }.Select(a => new ExperimentAssignment
        {
            CompanyId = companyId, ExperimentKey = key, SubjectKind = SubjectKind.Member, SubjectId = a.Item1, Group = a.Item2, AssignedAt = Entered,
        }));
        await db.SaveChangesAsync(Ct);
        return new Dataset(companyId, playbook.Id, step.Id);
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task ArmsCountEnrolmentsConversionsAndNetRevenueInsideEachEnrolmentsWindow(string provider)
    {
        var data = await SeedAsync(hosts[provider]);

        var report = await hosts[provider].Get<ExperimentReport>().GetAsync(data.CompanyId, data.PlaybookId, Ct);

        Assert.NotNull(report);
        var arms = report.Arms.ToDictionary(a => a.Group);
        Assert.Equal((4L, 2L, 7000 / 4.0), (arms["treatment"].Subjects, arms["treatment"].Conversions, arms["treatment"].RevenuePerSubjectCents));
        Assert.Equal((2L, 1L, 1000.0), (arms["holdout"].Subjects, arms["holdout"].Conversions, arms["holdout"].RevenuePerSubjectCents));
        var holdout = new ArmSummary("holdout", 2, 1, 2000, 2000.0 * 2000);
        var treatment = new ArmSummary("treatment", 4, 2, 7000, 4000.0 * 4000 + 3000.0 * 3000);
        Assert.Equal(ExperimentEstimator.TreatmentVsHoldout(holdout, treatment), report.Holdout);
        Assert.Equal(0.0, report.Holdout!.Lift, 10);
        Assert.Equal((1750 - 1000) * 4.0, report.Holdout.IncrementalRevenueCents, 6);
        Assert.Equal("Not enough data yet (2 of 100 subjects in holdout)", report.Holdout.Verdict.Text);

        var step = Assert.Single(report.Steps);
        Assert.Equal(data.StepId, step.StepId);
        Assert.Equal([("A", 2L, 1L, 2000.0), ("B", 2L, 1L, 1500.0)],
            step.Arms.Select(a => (a.Group, a.Subjects, a.Conversions, a.RevenuePerSubjectCents)));
        Assert.Equal(("A", "B"), (step.Comparisons.Single().Baseline, step.Comparisons.Single().Challenger));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task AnotherCompanySeesNothingAndIncrementalRevenueCountsOnlyEnrolmentsInTheRange(string provider)
    {
        var data = await SeedAsync(hosts[provider]);
        var other = await SeedAsync(hosts[provider]);
        var report = hosts[provider].Get<ExperimentReport>();

        Assert.Null(await report.GetAsync(other.CompanyId, data.PlaybookId, Ct));
        var inRange = await report.IncrementalRevenueAsync(data.CompanyId, Entered.AddDays(-1), Entered.AddDays(1), Ct);
        var before = await report.IncrementalRevenueAsync(data.CompanyId, Entered.AddDays(-5), Entered.AddDays(-1), Ct);

        var expected = ExperimentReport.IncrementalRevenueOf([(new ArmSummary("holdout", 2, 1, 2000, 2000.0 * 2000),
            new ArmSummary("treatment", 4, 2, 7000, 4000.0 * 4000 + 3000.0 * 3000))]);
        Assert.Equal(expected, inRange);
        Assert.Equal(3000, inRange.Cents, 6);
        Assert.Equal((0.0, 0), (before.Cents, before.Playbooks));
    }

    [Theory]
    [MemberData(nameof(BothProvidersFixture.Providers), MemberType = typeof(BothProvidersFixture))]
    public async Task ANurtureArmCarriesTheRevenueOfTheMembersItsLeadsBecame(string provider)
    {
        var host = hosts[provider];
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        long playbookId;
        await using (var db = host.CreateDbContext())
        {
            db.Companies.Add(new Company { Id = companyId, Name = "Nurture", InstalledAt = Entered.AddDays(-30) });
            var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "t", Body = "b" };
            // Two leads became members (same Whop user); the other two never bought.
            var leads = Enumerable.Range(1, 4).Select(i => new Core.Leads.Lead
            {
                CompanyId = companyId, Email = $"lead{i}@example.com", Source = "form", CapturedAt = Entered,
                WhopUserId = i < 3 ? $"user_{companyId}_{i}" : null,
            }).ToList();
            var members = Enumerable.Range(1, 2).Select(i => new Member { CompanyId = companyId, WhopUserId = $"user_{companyId}_{i}", CreatedAt = Entered.AddDays(1) }).ToList();
            db.AddRange(leads);
            db.AddRange(members);
            db.Add(template);
            await db.SaveChangesAsync(Ct);
            var playbook = new Playbook { CompanyId = companyId, Name = "First purchase", Type = PlaybookType.Nurture, HoldoutPercent = 30, CreatedAt = Entered };
            playbook.Steps.Add(new PlaybookStep { Position = 1, TemplateId = template.Id });
            db.Add(playbook);
            await db.SaveChangesAsync(Ct);
            playbookId = playbook.Id;
            Enrollment Enrol(long lead, string group) => new()
            {
                CompanyId = companyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = lead, Group = group, EnteredAt = Entered,
            };
            var enrolments = new[] { Enrol(leads[0].Id, "treatment"), Enrol(leads[2].Id, "treatment"), Enrol(leads[1].Id, "holdout"), Enrol(leads[3].Id, "holdout") };
            enrolments[0].Convert(Entered.AddDays(1));
            enrolments[2].Convert(Entered.AddDays(2));
            db.AddRange(enrolments);
            db.AddRange(
                new Conversion { CompanyId = companyId, MemberId = members[0].Id, WhopPaymentId = $"pay_{Guid.NewGuid():N}", Type = ConversionType.FirstPurchase, RevenueCents = 4000, CreatedAt = Entered.AddDays(1) },
                new Conversion { CompanyId = companyId, MemberId = members[1].Id, WhopPaymentId = $"pay_{Guid.NewGuid():N}", Type = ConversionType.FirstPurchase, RevenueCents = 1900, CreatedAt = Entered.AddDays(2) });
            await db.SaveChangesAsync(Ct);
        }

        var report = await host.Get<ExperimentReport>().GetAsync(companyId, playbookId, Ct);
        var incremental = await host.Get<ExperimentReport>().IncrementalRevenueAsync(companyId, Entered.AddDays(-1), Entered.AddDays(1), Ct);

        var arms = report!.Arms.ToDictionary(a => a.Group);
        Assert.Equal((2L, 1L, 2000.0), (arms["treatment"].Subjects, arms["treatment"].Conversions, arms["treatment"].RevenuePerSubjectCents));
        Assert.Equal((2L, 1L, 950.0), (arms["holdout"].Subjects, arms["holdout"].Conversions, arms["holdout"].RevenuePerSubjectCents));
        Assert.Equal(ExperimentReport.IncrementalRevenueOf([(new ArmSummary("holdout", 2, 1, 1900, 1900.0 * 1900),
            new ArmSummary("treatment", 2, 1, 4000, 4000.0 * 4000))]), incremental);
        Assert.Equal((2000 - 950) * 2, incremental.Cents, 6);
    }
}
