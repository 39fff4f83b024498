using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Demo;

/// Creates the demo company with deterministic, realistic data relative to today: 600 members on three
/// plans, 90 days of payments, leads, the three default playbooks with sends and conversions.
/// Seeding an existing demo company does nothing.
public sealed partial class DemoSeeder(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const int MemberCount = 600;
    private const int PayingMembers = 540;
    private const int OpenLeads = 150;
    private const int Seed = 20_260_701;
    /// The demo company's lead-capture key (rotating it in the demo gives a random one, as in production).
    public const string DemoCaptureKey = "lck_demo";

    /// Returns false when the demo company already exists.
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        var companyId = options.Value.CompanyId;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Companies.AnyAsync(c => c.Id == companyId, ct)) return false;

        // Whole minutes: the same day gives the same data, and nothing depends on sub-second clock noise.
        var clock = time.GetUtcNow();
        var now = new DateTimeOffset(clock.Year, clock.Month, clock.Day, clock.Hour, clock.Minute, 0, TimeSpan.Zero);
        var random = new Random(Seed);
        var faker = new Faker("en") { Random = new Randomizer(Seed) };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var company = new Company
        {
            Id = companyId, Name = options.Value.CompanyName, TimeZone = "America/New_York",
            InstalledAt = now.AddDays(-75), IsDemo = true, WhopExperienceId = $"exp_{companyId}",
            // Off so the demo's playbooks can be tried at any hour; a real company starts with 21:00–08:00.
            QuietHoursStart = null, QuietHoursEnd = null,
            // Every email's footer carries it (CAN-SPAM); the demo's emails land in its outbox.
            PostalAddress = "Demo Community LLC, 548 Market St #12345, San Francisco, CA 94104",
            EmailReplyTo = "hello@demo-community.example",
            // The demo only talks to its own fake Whop: the first sweep's catch-up of its default playbooks (about
            // 120 messages) must not hold a playbook the visitor just built for minutes behind it.
            SendsPerMinute = 300,
            // A fixed capture key, so the demo's landing-page snippet and the README's curl work on every run.
            LeadCaptureKey = DemoCaptureKey,
        };
        db.Companies.Add(company);
        var plans = DemoCatalog.Plans(companyId);
        db.Plans.AddRange(plans);

        var members = Enumerable.Range(1, MemberCount).Select(i => NewMember(faker, random, companyId, i, now)).ToList();
        db.Members.AddRange(members);
        var playbooks = await DefaultPlaybooks.InstallAsync(db, companyId, company.InstalledAt, enabled: true, ct);
        playbooks[PlaybookType.Upsell].GoalPlanId = "plan_demo_pro";
        playbooks[PlaybookType.Upsell].TargetRules =
            """{"all":[{"field":"plan","op":"in","value":["plan_demo_basic"]},{"field":"tenure_days","op":">=","value":30},{"field":"membership_status","op":"in","value":["active"]}]}""";

        // The recovery's second step offers a pause, so the demo's messages lead to the member's offer page.
        var pauseStep = playbooks[PlaybookType.ChurnSave].Steps.Single(s => s.Position == 2);
        pauseStep.Offer = new OfferTerms(OfferKind.Pause, Days: 30);
        (await db.MessageTemplates.SingleAsync(t => t.Id == pauseStep.TemplateId, ct)).CtaUrl = "{{ offer_url }}";

        var billing = new DemoBilling(random, now, plans.ToDictionary(p => p.Id));
        for (var i = 0; i < PayingMembers; i++) billing.Subscribe(members[i], i + 1);
        db.Memberships.AddRange(billing.History.Memberships);
        db.Payments.AddRange(billing.History.Payments);

        var outreach = new DemoOutreach(random, now, companyId, company.AttributionWindowDays);
        var leads = DemoLeads.Create(faker, random, billing.History, members, company.InstalledAt, now, OpenLeads);
        db.Leads.AddRange(leads.Select(l => l.Lead));
        await db.SaveChangesAsync(ct);
        foreach (var (lead, member) in leads.Where(l => l.Member is not null)) lead.MemberId = member!.Id;
        DemoJourneys.Plan(outreach, playbooks, billing.History, leads, company.InstalledAt, now, random);
        outreach.AssignGroups(new Random(random.Next()));
        db.Enrollments.AddRange(outreach.Journeys.Select(j => j.Enrollment));
        await db.SaveChangesAsync(ct);

        db.Sends.AddRange(outreach.PlanSends());
        await db.SaveChangesAsync(ct);

        var conversions = outreach.Conversions().ToList();
        conversions.AddRange(DemoJourneys.ConversionsWithoutJourney(billing.History, conversions, company.InstalledAt));
        db.Conversions.AddRange(conversions);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        LogSeeded(companyId, members.Count, billing.History.Payments.Count, conversions.Count, DemoCaptureKey);
        return true;
    }

    private static Member NewMember(Faker faker, Random random, string companyId, int index, DateTimeOffset now)
    {
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        return new Member
        {
            CompanyId = companyId, WhopUserId = $"user_demo_{index:D5}", WhopMemberId = $"mber_demo_{index:D5}",
            Name = $"{first} {last}", Username = faker.Internet.UserName(first, last).ToLowerInvariant(),
            Email = faker.Internet.Email(first, last, "example.com").ToLowerInvariant(),
            CreatedAt = now.AddMinutes(-random.Next(10, 150 * 24 * 60)),
        };
    }

    [LoggerMessage(LogLevel.Information,
        "Seeded demo company {CompanyId}: {Members} members, {Payments} payments, {Conversions} conversions; lead capture: POST /api/leads/capture/{CaptureKey}")]
    private partial void LogSeeded(string companyId, int members, int payments, int conversions, string captureKey);
}
