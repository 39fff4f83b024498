using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Email;

/// A company with a postal address and its email settings, and helpers for leads reached by email.
public sealed class EmailScenario(EmailAppFixture app, DispatchScenario company)
{
    public const string PostalAddress = "Growth Lab LLC, 1 Main St, Springfield, IL 62701";

    public DispatchScenario Company { get; } = company;
    public string CompanyId => Company.CompanyId;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<EmailScenario> CreateAsync(EmailAppFixture app, int members = 1) => new(app, await DispatchScenario.CreateAsync(app, members, c =>
    {
        c.PostalAddress = PostalAddress;
        c.EmailSenderName = "Growth Lab";
        c.EmailReplyTo = "coach@growthlab.example";
    }));

    public async Task<Lead> LeadAsync(string email, bool consent = true, string? whopUserId = null)
    {
        await using var db = app.App.CreateDbContext();
        var lead = new Lead
        {
            CompanyId = CompanyId, Email = Lead.NormalizeEmail(email), Name = "Sam Rivers", Source = LeadSources.Web, EmailConsent = consent,
            ConsentText = consent ? "Email me tips" : null, ConsentAt = consent ? app.Time.GetUtcNow() : null, WhopUserId = whopUserId,
            CapturedAt = app.Time.GetUtcNow(),
        };
        db.Leads.Add(lead);
        await db.SaveChangesAsync(Ct);
        return lead;
    }

    /// A Nurture playbook with one step per channel (and fallback) given, due now.
    public async Task<Playbook> NurtureAsync(string body = "Hi {{ first_name }}, **welcome** to {{ community_name }}.", int priority = 20,
        string? ctaUrl = "https://example.com/start", params (MessageChannel Channel, MessageChannel? Fallback)[] steps)
    {
        if (steps.Length == 0) steps = [(MessageChannel.Email, null)];
        var playbook = await Company.PlaybookAsync(PlaybookType.Nurture, priority, "Your first week at {{ community_name }}", body,
            steps: [.. steps.Select(s => (0, s.Channel))]);
        await using var db = app.App.CreateDbContext();
        var rows = db.PlaybookSteps.Where(s => s.PlaybookId == playbook.Id).OrderBy(s => s.Position).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].FallbackChannel = steps[i].Fallback;
            var template = db.MessageTemplates.Single(t => t.Id == rows[i].TemplateId);
            template.Preheader = "Three things to try first";
            if (ctaUrl is not null) (template.CtaLabel, template.CtaUrl) = ("Start here", ctaUrl);
        }
        await db.SaveChangesAsync(Ct);
        playbook.Steps.Clear();
        playbook.Steps.AddRange(rows);
        return playbook;
    }

    public async Task<List<Send>> EnrollAsync(Playbook playbook, params Lead[] leads)
    {
        await using var db = app.App.CreateDbContext();
        var sends = new List<Send>();
        foreach (var lead in leads)
        {
            var enrollment = new Enrollment
            {
                CompanyId = CompanyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = lead.Id, EnteredAt = app.Time.GetUtcNow(),
                Group = "treatment",
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(Ct);
            sends.AddRange(playbook.Steps.OrderBy(s => s.Position).Select(step =>
                Send.Schedule(CompanyId, playbook.Id, step.Id, enrollment.Id, step.Channel, app.Time.GetUtcNow().AddMinutes(step.DelayMinutes))));
        }
        db.Sends.AddRange(sends);
        await db.SaveChangesAsync(Ct);
        return sends;
    }
}
