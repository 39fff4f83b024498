using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Email;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Demo;

/// The demo's email channel: on, into the outbox the creator opens in the app, with working unsubscribe links.
public sealed class DemoOutboxTests(DemoWebFixture demo) : IClassFixture<DemoWebFixture>
{
    private const string CompanyId = "biz_demo";
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEmailToAConsentingWebLeadLandsInTheOutboxPageAndItsUnsubscribeLinkWorks()
    {
        var address = $"outbox.{Guid.NewGuid():N}"[..20] + "@example.org";
        await using (var db = demo.App.CreateDbContext())
        {
            var lead = new Lead
            {
                CompanyId = CompanyId, Email = address, Name = "Ada Web", Source = LeadSources.Web, EmailConsent = true, ConsentText = "Email me",
                ConsentAt = DateTimeOffset.UtcNow, CapturedAt = DateTimeOffset.UtcNow,
            };
            var template = new MessageTemplate { CompanyId = CompanyId, Name = "outbox", Title = "Welcome, {{ first_name }}", Body = "Glad you are here." };
            db.AddRange(lead, template);
            await db.SaveChangesAsync(Ct);
            var playbook = new Playbook
            {
                CompanyId = CompanyId, Name = "Outbox test", Type = PlaybookType.Nurture, Enabled = true, HoldoutPercent = 0, Goal = PlaybookGoal.FirstPayment,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            playbook.Steps.Add(new PlaybookStep { Position = 1, Channel = MessageChannel.Email, TemplateId = template.Id });
            db.Playbooks.Add(playbook);
            await db.SaveChangesAsync(Ct);
            var enrollment = new Enrollment
            {
                CompanyId = CompanyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = lead.Id, EnteredAt = DateTimeOffset.UtcNow, Group = "treatment",
            };
            db.Enrollments.Add(enrollment);
            await db.SaveChangesAsync(Ct);
            db.Sends.Add(Send.Schedule(CompanyId, playbook.Id, playbook.Steps[0].Id, enrollment.Id, MessageChannel.Email, DateTimeOffset.UtcNow.AddSeconds(-1)));
            await db.SaveChangesAsync(Ct);
        }

        var outbox = demo.App.Services.GetRequiredService<IEmailOutbox>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && outbox.Recent().All(e => e.To != address))
        {
            await demo.App.Services.GetRequiredService<Dispatcher>().RunAsync(Ct);
            await Task.Delay(200, Ct);
        }

        var email = Assert.Single(outbox.Recent(), e => e.To == address);
        Assert.Equal("Welcome, Ada", email.Subject);
        Assert.Contains("548 Market St", email.Html);
        Assert.Contains(email.Headers, h => h.Key == "List-Unsubscribe-Post" && h.Value == "List-Unsubscribe=One-Click");

        var client = demo.App.CreateClient();
        var page = await client.GetAsync("/dashboard/biz_demo/outbox", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Welcome, Ada", await page.Content.ReadAsStringAsync(Ct));

        var unsubscribe = new Uri(email.Headers.Single(h => h.Key == "List-Unsubscribe").Value.Trim('<', '>')).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(unsubscribe, null, Ct)).StatusCode);
        await using (var db = demo.App.CreateDbContext())
            Assert.True(await db.EmailSuppressions.AnyAsync(s => s.CompanyId == CompanyId && s.Address == address, Ct));
    }
}
