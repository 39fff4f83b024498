using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Leads;

/// A company with leads of every kind the Leads list filters on, and one lead (Ada) with a whole history: entered
/// a Nurture playbook, got its first step, clicked it, paid.
public sealed record LeadsScenario(string CompanyId, IReadOnlyDictionary<string, Lead> Leads, long PlaybookId)
{
    public static readonly DateTimeOffset Day = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    public CompanyScope Scope => new(CompanyId);

    public Lead this[string key] => Leads[key];

    public static async Task<LeadsScenario> CreateAsync(Func<RevenueAngelDbContext> contexts, string? companyId = null, bool addCompany = true)
    {
        companyId ??= $"biz_{Guid.NewGuid():N}"[..16];
        await using var db = contexts();
        if (addCompany) db.Companies.Add(new Company { Id = companyId, Name = "Lead Co", InstalledAt = Day.AddDays(-30) });
        var leads = new Dictionary<string, Lead>
        {
            ["ada"] = Lead(companyId, "ada@example.com", "Ada Lovelace", LeadSources.Web, Day, whopUserId: $"user_ada_{companyId}", consent: true, utm: "twitter"),
            ["bob"] = Lead(companyId, "bob@example.com", "Bob Stone", LeadSources.Csv, Day.AddDays(-1)),
            ["cy"] = Lead(companyId, "cy@example.org", null, LeadSources.WhopFreePlan, Day.AddDays(-2), whopUserId: $"user_cy_{companyId}"),
            ["dee"] = Lead(companyId, "dee@example.com", "Dee Ray", "landing_page", Day.AddDays(-5), status: LeadStatus.Nurturing),
            ["eve"] = Lead(companyId, null, "Eve Waitlist", LeadSources.WhopWaitlist, Day.AddDays(-9), whopUserId: $"user_eve_{companyId}"),
            ["fay"] = Lead(companyId, "fay@example.com", "Fay Wong", LeadSources.Manual, Day.AddDays(-20), status: LeadStatus.Unsubscribed),
        };
        db.Leads.AddRange(leads.Values);
        await db.SaveChangesAsync();

        var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi", Body = "Welcome" };
        db.Add(template);
        await db.SaveChangesAsync();
        var playbook = new Playbook { CompanyId = companyId, Name = "First purchase", Type = PlaybookType.Nurture, Goal = PlaybookGoal.FirstPayment, CreatedAt = Day };
        var step = new PlaybookStep { Position = 1, Channel = MessageChannel.Push, TemplateId = template.Id };
        playbook.Steps.Add(step);
        db.Add(playbook);
        await db.SaveChangesAsync();

        var ada = leads["ada"];
        var enrollment = new Enrollment { CompanyId = companyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = ada.Id, EnteredAt = Day.AddHours(1) };
        db.Add(enrollment);
        await db.SaveChangesAsync();
        var send = Send.Schedule(companyId, playbook.Id, step.Id, enrollment.Id, MessageChannel.Push, Day.AddHours(2));
        send.Claim(Day.AddHours(2).AddMinutes(5));
        send.BeginCall(Day.AddHours(2), Day.AddHours(2).AddMinutes(5));
        send.MarkSent(Day.AddHours(2), "notif_1", new RenderedMessage("Your first lesson", "Welcome", null, null));
        send.RecordClick(Day.AddHours(3));
        db.Add(send);
        enrollment.Convert(Day.AddHours(5));
        ada.Status = LeadStatus.Converted;
        ada.ConvertedAt = Day.AddHours(5);
        ada.ConvertedPaymentId = $"pay_{companyId}";
        db.Add(new Conversion { CompanyId = companyId, WhopPaymentId = ada.ConvertedPaymentId, RevenueCents = 4900, CreatedAt = Day.AddHours(5) });
        await db.SaveChangesAsync();
        return new LeadsScenario(companyId, leads, playbook.Id);
    }

    private static Lead Lead(string companyId, string? email, string? name, string source, DateTimeOffset captured, string? whopUserId = null,
        bool consent = false, string? utm = null, LeadStatus status = LeadStatus.New) => new()
    {
        CompanyId = companyId, Email = email, Name = name, Source = source, CapturedAt = captured, WhopUserId = whopUserId, Status = status,
        EmailConsent = consent, ConsentText = consent ? "Email me news" : null, ConsentAt = consent ? captured : null, UtmSource = utm,
    };
}
