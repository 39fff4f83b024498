using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Segments;

/// One semantics, two evaluators: for a generated population and hundreds of random rules, the SQL filter
/// (enrolment, preview) and the in-memory check (events) choose exactly the same subjects, on both providers.
public sealed class RuleEvaluatorsAgreeTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Statuses = ["active", "trialing", "past_due", "canceled", "canceling", "expired"];
    private static readonly string[] Plans = ["plan_a", "plan_b", "plan_c", "plan_d"];
    private static readonly string[] Products = ["prod_x", "prod_y"];
    private static readonly string[] Sources = ["discord", "x", "landing_page"];
    private static readonly string[] DeclineReasons = ["insufficient_funds", "expired_card", "authentication_required", "declined", "other"];
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task SqlAndInMemoryEvaluatorsChooseTheSameSubjects(string provider)
    {
        var time = new FakeTimeProvider(Now);
        var settings = TestSettings.Production(provider == "postgres" ? await postgres.CreateDatabaseAsync("rules") : null);
        await using var core = provider == "postgres" ? await CoreHost.StartAsync(settings, time) : await CoreHost.StartSqliteAsync(settings, time);
        var random = new Random(20261126);
        var (companyId, playbookIds) = await GenerateAsync(core, random);
        var audience = core.Get<Audience>();
        var facts = await audience.MemberFactsAsync(companyId, ct: Ct);
        await using var db = core.CreateDbContext();
        var leads = await db.Leads.Where(l => l.CompanyId == companyId).ToListAsync(Ct);
        var evaluator = new SqlRuleEvaluator(db, Now);
        var selective = 0;

        for (var i = 0; i < 150; i++)
        {
            var rule = RandomRule(random, SubjectKind.Member, playbookIds, depth: 0);
            var bySql = await db.Members.Where(m => m.CompanyId == companyId).Where(evaluator.ForMembers(rule)).Select(m => m.Id).OrderBy(id => id).ToListAsync(Ct);
            var inMemory = facts.Where(f => InMemoryRuleEvaluator.Matches(rule, f, Now)).Select(f => f.MemberId).Order().ToList();
            Assert.True(bySql.SequenceEqual(inMemory), $"rule {TargetRulesJson.Write(rule)}: SQL {bySql.Count}, in memory {inMemory.Count}");
            if (bySql.Count > 0 && bySql.Count < facts.Count) selective++;
        }
        Assert.True(selective >= 75, $"only {selective} of 150 rules chose some but not all members: the comparison would prove little");
        for (var i = 0; i < 50; i++)
        {
            var rule = RandomRule(random, SubjectKind.Lead, playbookIds, depth: 0);
            var bySql = await db.Leads.Where(l => l.CompanyId == companyId).Where(evaluator.ForLeads(rule)).Select(l => l.Id).OrderBy(id => id).ToListAsync(Ct);
            var inMemory = leads.Where(l => InMemoryRuleEvaluator.Matches(rule, new LeadFacts(l.Id, l.Source, StoredEnum<LeadStatus>.ToText(l.Status), l.CapturedAt), Now))
                .Select(l => l.Id).Order().ToList();
            Assert.True(bySql.SequenceEqual(inMemory), $"rule {TargetRulesJson.Write(rule)}: SQL {bySql.Count}, in memory {inMemory.Count}");
        }
    }

    [Fact]
    public void RulesRoundTripThroughTheirJsonAndBadRulesSayWhatIsWrong()
    {
        const string json = """{"all":[{"field":"tenure_days","op":">=","value":30},{"any":[{"field":"plan","op":"in","value":["plan_a"]},{"field":"cancel_at_period_end","op":"==","value":true}]}]}""";
        var (rule, problems) = TargetRulesJson.Parse(json, SubjectKind.Member);
        Assert.Empty(problems);
        Assert.Equal(json, TargetRulesJson.Write(rule));

        var (_, bad) = TargetRulesJson.Parse("""{"all":[{"field":"tenure","op":">=","value":1},{"field":"plan","op":">","value":["x"]},{"field":"lead_source","op":"in","value":["x"]},{"field":"tenure_days","op":">=","value":-2}]}""", SubjectKind.Member);
        Assert.Equal(
            [
                "rules[0]: unknown field 'tenure'.",
                "rules[1]: 'plan' takes in, not_in, not '>'.",
                "rules[2]: 'lead_source' applies to leads, not members.",
                "rules[3]: 'tenure_days' needs a whole number, 0 or more.",
            ], bad);
    }

    private static TargetRule RandomRule(Random random, SubjectKind kind, IReadOnlyList<long> playbookIds, int depth)
    {
        if (depth < 2 && random.NextDouble() < 0.35)
            return new RuleGroup(random.Next(2) == 0, [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomRule(random, kind, playbookIds, depth + 1))]);
        var fields = RuleFields.All.Where(f => f.Subject == kind).ToList();
        var field = fields[random.Next(fields.Count)];
        var op = RuleFields.OperatorsFor(field.Kind)[random.Next(RuleFields.OperatorsFor(field.Kind).Count)];
        return field.Kind switch
        {
            RuleFields.Kind.Flag => new RuleCondition(field.Name, op, Flag: random.Next(2) == 0),
            RuleFields.Kind.Number => new RuleCondition(field.Name, op, Number: field.Name switch
            {
                "total_spent" => random.Next(0, 6) * 4900,
                "failed_payments" => random.Next(0, 3),
                _ => random.Next(0, 60),
            }),
            _ => new RuleCondition(field.Name, op, Texts: [.. Pick(random, field.Name switch
            {
                "membership_status" => Statuses,
                "plan" => Plans,
                "product" => Products,
                "in_playbook" => [.. playbookIds.Select(id => id.ToString())],
                "lead_source" => Sources,
                "decline_reason" => DeclineReasons,
                _ => ["new", "nurturing", "converted", "unsubscribed"],
            })]),
        };
    }

    private static IEnumerable<string> Pick(Random random, string[] values) => values.Where(_ => random.Next(3) == 0);

    private static async Task<(string CompanyId, IReadOnlyList<long> PlaybookIds)> GenerateAsync(CoreHost core, Random random)
    {
        await using var db = core.CreateDbContext();
        var companyId = $"biz_rules_{Guid.NewGuid():N}"[..24];
        db.Companies.Add(new Company { Id = companyId, Name = "Rules", InstalledAt = Now.AddDays(-200) });
        // Each run has a database of its own, so plan ids need no company suffix and rules can name them.
        foreach (var plan in Plans) db.Plans.Add(new Plan { Id = plan, CompanyId = companyId, Title = plan, RenewalPriceCents = 4900, BillingPeriodDays = 30 });
        var members = Enumerable.Range(0, 150).Select(i => new Member
        {
            CompanyId = companyId, WhopUserId = $"user_{i}", CreatedAt = Now.AddMinutes(-random.Next(0, 90 * 24 * 60)).AddDays(random.Next(3) == 0 ? -random.Next(0, 40) : 0),
        }).ToList();
        db.Members.AddRange(members);
        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "t", Body = "b" };
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(Ct);
        var playbooks = Enumerable.Range(0, 3).Select(i => new Playbook { CompanyId = companyId, Name = $"p{i}", CreatedAt = Now }).ToList();
        foreach (var playbook in playbooks) playbook.Steps.Add(new PlaybookStep { Position = 1, TemplateId = template.Id });
        db.Playbooks.AddRange(playbooks);
        db.Leads.AddRange(Enumerable.Range(0, 80).Select(i => new Lead
        {
            CompanyId = companyId, Email = $"lead{i}@example.com", Source = Sources[random.Next(Sources.Length)],
            Status = (LeadStatus)random.Next(4), CapturedAt = Now.AddMinutes(-random.Next(0, 60 * 24 * 60)),
        }));
        await db.SaveChangesAsync(Ct);

        var membershipNumber = 0;
        foreach (var member in members)
        {
            for (var j = random.Next(0, 4); j > 0; j--)
            {
                var plan = Plans[random.Next(Plans.Length)];
                var membership = new Membership
                {
                    Id = $"mem_{companyId}_{++membershipNumber}", CompanyId = companyId, MemberId = member.Id, PlanId = plan,
                    ProductId = random.Next(4) == 0 ? null : Products[random.Next(Products.Length)], Status = Statuses[random.Next(Statuses.Length)],
                    CancelAtPeriodEnd = random.Next(4) == 0, CreatedAt = member.CreatedAt, UpdatedAt = member.CreatedAt,
                };
                db.Memberships.Add(membership);
                for (var k = random.Next(0, 4); k > 0; k--)
                {
                    var at = Now.AddHours(-random.Next(1, 2000));
                    var failed = random.Next(4) == 0;
                    db.Payments.Add(new Payment
                    {
                        Id = $"pay_{Guid.NewGuid():N}", CompanyId = companyId, MembershipId = membership.Id, MemberId = member.Id,
                        Status = failed && random.Next(2) == 0 ? "open" : "paid", TotalCents = 4900 * random.Next(1, 3), CreatedAt = at,
                        FailedAt = failed ? at : null, PaidAt = !failed || random.Next(2) == 0 ? at.AddHours(2) : null,
                        DeclineReason = failed ? Enum.GetValues<DeclineReason>()[random.Next(5)] : null,
                    });
                }
            }
        }
        await db.SaveChangesAsync(Ct);

        foreach (var member in members.Where(_ => random.Next(2) == 0))
        {
            var playbook = playbooks[random.Next(playbooks.Count)];
            var enrollment = new Enrollment { CompanyId = companyId, PlaybookId = playbook.Id, SubjectId = member.Id, EnteredAt = Now.AddDays(-random.Next(1, 30)) };
            if (random.Next(3) == 0) enrollment.Exit(Now.AddDays(-1), "test");
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(Ct);
            var send = Send.Schedule(companyId, playbook.Id, playbook.Steps[0].Id, enrollment.Id, MessageChannel.Push, Now.AddMinutes(-random.Next(1, 40 * 24 * 60)));
            if (random.Next(4) != 0)
            {
                send.Claim(send.ScheduledFor.AddMinutes(1));
                send.MarkSent(send.ScheduledFor.AddSeconds(30), null);
            }
            db.Sends.Add(send);
        }
        await db.SaveChangesAsync(Ct);
        return (companyId, playbooks.Select(p => p.Id).ToList());
    }
}
