using System.Text.Json;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Offers;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// One company known alike to our database and the fake Whop (same ids): a Basic and a Pro plan, an experience,
/// and members on Pro; helpers to make offers and read what the fake was asked.
public sealed class OfferScenario
{
    private readonly OfferWorld _app;

    private OfferScenario(OfferWorld app, FakeWhopBuilder whop, string experienceId, IReadOnlyList<Member> members, IReadOnlyList<FakeMembership> memberships)
    {
        (_app, Whop, ExperienceId, Members, Memberships) = (app, whop, experienceId, members, memberships);
    }

    public FakeWhopBuilder Whop { get; }
    public string CompanyId => Whop.CompanyId;
    public string ExperienceId { get; }
    public IReadOnlyList<Member> Members { get; }
    public IReadOnlyList<FakeMembership> Memberships { get; }
    public CompanyScope Scope => new(CompanyId);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static Task<OfferScenario> CreateAsync(WhopAppFixture app, int members = 2) =>
        CreateAsync(new OfferWorld(app.Whop.Store, app.App.Services, app.Time), members);

    public static async Task<OfferScenario> CreateAsync(OfferWorld app, int members = 2)
    {
        var whop = new FakeWhopBuilder(app.Store).WithCatalog();
        var experienceId = $"exp_{whop.CompanyId}";
        app.Store.Experiences[experienceId] = new FakeExperience(experienceId, whop.CompanyId, WhopAppFixture.AppId, "RevenueAngel", whop.ProductId);
        var fakes = Enumerable.Range(1, members).Select(i => whop.AddMember(i, planId: whop.ProPlanId)).ToList();
        var people = fakes.Select((f, i) => new Member
        {
            CompanyId = whop.CompanyId, WhopUserId = f.UserId, WhopMemberId = f.MemberId, Name = $"Member {i + 1}", CreatedAt = app.Time.GetUtcNow().AddDays(-60),
        }).ToList();
        await using var db = app.CreateDbContext();
        db.Companies.Add(new Company { Id = whop.CompanyId, Name = "Acme Traders", InstalledAt = app.Time.GetUtcNow(), WhopExperienceId = experienceId });
        db.Plans.AddRange(
            new Plan { Id = whop.BasicPlanId, CompanyId = whop.CompanyId, Title = "Basic", RenewalPriceCents = 1999, BillingPeriodDays = 30 },
            new Plan { Id = whop.ProPlanId, CompanyId = whop.CompanyId, Title = "Pro", RenewalPriceCents = 4999, BillingPeriodDays = 30 });
        db.Members.AddRange(people);
        await db.SaveChangesAsync(Ct);
        db.Memberships.AddRange(fakes.Select((f, i) => new Membership
        {
            Id = f.Id, CompanyId = whop.CompanyId, MemberId = people[i].Id, PlanId = whop.ProPlanId, Status = MembershipStatuses.Active,
            CreatedAt = f.CreatedAt, UpdatedAt = f.UpdatedAt,
        }));
        await db.SaveChangesAsync(Ct);
        return new OfferScenario(app, whop, experienceId, people, fakes);
    }

    public Task<CreatedOffer> OfferAsync(int member, OfferTerms terms, OfferOrigin? origin = null) =>
        _app.Get<OfferService>().CreateAsync(Scope, Members[member].Id, Memberships[member].Id, terms, origin, Ct);

    /// An offer carried by a sent ChurnSave step whose message the member received.
    public async Task<CreatedOffer> SentOfferAsync(int member, OfferTerms terms, string title, string body)
    {
        long playbookId, stepId, enrollmentId, sendId;
        await using (var db = _app.CreateDbContext())
        {
            var template = new RevenueAngel.Core.Messaging.MessageTemplate { CompanyId = CompanyId, Name = "offer", Title = title, Body = body };
            db.MessageTemplates.Add(template);
            await db.SaveChangesAsync(Ct);
            var playbook = new RevenueAngel.Core.Playbooks.Playbook
            {
                CompanyId = CompanyId, Name = "Save", Type = RevenueAngel.Core.Playbooks.PlaybookType.ChurnSave, Enabled = true,
                Goal = RevenueAngel.Core.Playbooks.PlaybookGoal.PaymentRecovered, CreatedAt = _app.Time.GetUtcNow(),
            };
            playbook.Steps.Add(new RevenueAngel.Core.Playbooks.PlaybookStep { Position = 1, TemplateId = template.Id });
            db.Playbooks.Add(playbook);
            await db.SaveChangesAsync(Ct);
            var enrollment = new RevenueAngel.Core.Playbooks.Enrollment
            {
                CompanyId = CompanyId, PlaybookId = playbook.Id, SubjectId = Members[member].Id, EnteredAt = _app.Time.GetUtcNow(), Group = "treatment",
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(Ct);
            var send = RevenueAngel.Core.Dispatch.Send.Schedule(CompanyId, playbook.Id, playbook.Steps[0].Id, enrollment.Id,
                RevenueAngel.Core.Messaging.MessageChannel.Push, _app.Time.GetUtcNow());
            send.Claim(_app.Time.GetUtcNow().AddMinutes(5));
            send.MarkSent(_app.Time.GetUtcNow(), null, new RevenueAngel.Core.Messaging.RenderedMessage(title, body, null, null));
            db.Sends.Add(send);
            await db.SaveChangesAsync(Ct);
            (playbookId, stepId, enrollmentId, sendId) = (playbook.Id, playbook.Steps[0].Id, enrollment.Id, send.Id);
        }
        return await OfferAsync(member, terms, new OfferOrigin(playbookId, stepId, enrollmentId, sendId));
    }

    public Task<OfferResult> AcceptAsync(int member, string token) =>
        _app.Get<OfferService>().AcceptAsync(ExperienceId, token, Members[member].WhopUserId, Ct);

    public string UserId(int member) => Members[member].WhopUserId;

    /// The calls the fake received about this membership (path contains its id), excluding reads.
    public List<FakeRequest> Writes(int member) =>
        [.. _app.Store.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains(Memberships[member].Id, StringComparison.Ordinal))];

    public List<FakeDelivery> Deliveries(string kind) =>
        [.. _app.Store.Deliveries.Where(d => d.CompanyId == CompanyId && d.Kind == kind)];

    public static JsonElement Json(FakeDelivery delivery) => JsonDocument.Parse(delivery.Body).RootElement;

    public async Task<OfferDetail> DetailAsync(long offerId) =>
        await _app.Get<OfferQueries>().GetAsync(CompanyId, offerId, Ct) ?? throw new InvalidOperationException($"No offer {offerId}");
}
