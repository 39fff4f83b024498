using System.Text.Json;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Dispatch;

/// One company known to both our database and the fake Whop, with members, and helpers to put them into a
/// playbook whose sends are due now.
public sealed class DispatchScenario
{
    private readonly WhopAppFixture _app;

    private DispatchScenario(WhopAppFixture app, Company company, IReadOnlyList<Member> members, Plan plan)
    {
        _app = app;
        Company = company;
        Members = members;
        Plan = plan;
    }

    public Company Company { get; }
    public IReadOnlyList<Member> Members { get; }
    public Plan Plan { get; }
    public string CompanyId => Company.Id;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<DispatchScenario> CreateAsync(WhopAppFixture app, int members = 3, Action<Company>? configure = null)
    {
        var key = Guid.NewGuid().ToString("N")[..10];
        var company = new Company
        {
            Id = $"biz_{key}", Name = "Growth Lab", InstalledAt = app.Time.GetUtcNow(), WhopExperienceId = $"exp_{key}",
            QuietHoursStart = null, QuietHoursEnd = null, FrequencyCapMessages = 50, FrequencyCapDays = 1,
        };
        configure?.Invoke(company);
        var plan = new Plan { Id = $"plan_{key}", CompanyId = company.Id, Title = "Basic", RenewalPriceCents = 1900, BillingPeriodDays = 30 };
        var people = Enumerable.Range(1, members).Select(i => new Member
        {
            CompanyId = company.Id, WhopUserId = $"user_{key}_{i}", WhopMemberId = $"mber_{key}_{i}", Name = $"Maya{i} Stone",
            CreatedAt = app.Time.GetUtcNow().AddDays(-40),
        }).ToList();
        await using (var db = app.App.CreateDbContext())
        {
            db.AddRange(company, plan);
            db.AddRange(people);
            await db.SaveChangesAsync(Ct);
            db.Memberships.AddRange(people.Select(m => new Membership
            {
                Id = $"mem_{key}_{m.Id}", CompanyId = company.Id, MemberId = m.Id, PlanId = plan.Id, Status = MembershipStatuses.Active,
                CreatedAt = m.CreatedAt, UpdatedAt = m.CreatedAt,
            }));
            await db.SaveChangesAsync(Ct);
        }
        app.Whop.Store.Companies[company.Id] = new FakeCompany(company.Id, company.Name);
        app.Whop.Store.Experiences[company.WhopExperienceId!] = new FakeExperience(company.WhopExperienceId!, company.Id, WhopAppFixture.AppId, "RevenueAngel", "prod_x");
        return new DispatchScenario(app, company, people, plan);
    }

    /// An enabled playbook with one step per channel given, each step's message due <paramref name="delays"/> after now.
    public async Task<Playbook> PlaybookAsync(PlaybookType type = PlaybookType.Upsell, int priority = 20, string title = "Hi {{ first_name }}",
        string body = "Welcome to {{ community_name }}", string exitRules = "{}", params (int DelayMinutes, MessageChannel Channel)[] steps)
    {
        if (steps.Length == 0) steps = [(0, MessageChannel.Push)];
        await using var db = _app.App.CreateDbContext();
        var templates = steps.Select(_ => new MessageTemplate { CompanyId = CompanyId, Name = "t", Title = title, Body = body }).ToList();
        db.MessageTemplates.AddRange(templates);
        await db.SaveChangesAsync(Ct);
        var playbook = new Playbook
        {
            CompanyId = CompanyId, Name = $"{type} {priority}", Type = type, Enabled = true, Priority = priority, HoldoutPercent = 0,
            Goal = type == PlaybookType.ChurnSave ? PlaybookGoal.PaymentRecovered : PlaybookGoal.Upgrade, ExitRules = exitRules,
            CreatedAt = _app.Time.GetUtcNow(),
        };
        playbook.Steps.AddRange(steps.Select((s, i) => new PlaybookStep { Position = i + 1, DelayMinutes = s.DelayMinutes, Channel = s.Channel, TemplateId = templates[i].Id }));
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(Ct);
        return playbook;
    }

    /// Enrols the members (all by default) now, with one scheduled send per step at its delay.
    public async Task<List<Send>> EnrollAsync(Playbook playbook, IEnumerable<Member>? who = null)
    {
        await using var db = _app.App.CreateDbContext();
        var now = _app.Time.GetUtcNow();
        var sends = new List<Send>();
        foreach (var member in who ?? Members)
        {
            var enrollment = new Enrollment { CompanyId = CompanyId, PlaybookId = playbook.Id, SubjectId = member.Id, EnteredAt = now, Group = "treatment" };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(Ct);
            var at = now;
            foreach (var step in playbook.Steps.OrderBy(s => s.Position))
            {
                at = at.AddMinutes(step.DelayMinutes);
                sends.Add(Send.Schedule(CompanyId, playbook.Id, step.Id, enrollment.Id, step.Channel, at));
            }
        }
        db.Sends.AddRange(sends);
        await db.SaveChangesAsync(Ct);
        return sends;
    }

    public List<FakeDelivery> Deliveries(string kind) =>
        [.. _app.Whop.Store.Deliveries.Where(d => d.CompanyId == CompanyId && d.Kind == kind)];

    public static JsonElement Json(FakeDelivery delivery) => JsonDocument.Parse(delivery.Body).RootElement;

    public async Task<Send> ReloadAsync(long sendId)
    {
        await using var db = _app.App.CreateDbContext();
        return db.Sends.Single(s => s.Id == sendId);
    }
}
