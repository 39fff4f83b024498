using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Email;

/// The issue's "done when", on the real app: a lead captured on the web with consent (no Whop account) gets a Nurture
/// playbook's emails, unsubscribes with one click, and gets nothing more.
public sealed class NurtureByEmailTests(EmailAppFixture app) : IClassFixture<EmailAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEmailOnlyWebLeadGetsTheNurtureEmailsUntilItUnsubscribesWithOneClick()
    {
        var scenario = await EmailScenario.CreateAsync(app);
        var company = new CompanyScope(scenario.CompanyId);
        var draft = new PlaybookDraft
        {
            Name = "First purchase", Type = PlaybookType.Nurture, Goal = PlaybookGoal.FirstPayment, HoldoutPercent = 0,
            TargetRules = """{"all":[{"field":"lead_status","op":"in","value":["new","nurturing"]}]}""",
            Steps =
            [
                new StepDraft { DelayMinutes = 0, Channel = MessageChannel.Push, FallbackChannel = MessageChannel.Email, Title = "Welcome, {{ first_name }}",
                    Preheader = "Start here", Body = "Glad you are here.\n\n- Say hi\n- Pick a course", CtaLabel = "Join", CtaUrl = "{{ checkout_url }}" },
                new StepDraft { DelayMinutes = 1440, Channel = MessageChannel.Email, Title = "Still thinking it over?", Body = "Members say week one is the best." },
            ],
        };
        var saved = await app.Get<PlaybookEditor>().CreateAsync(company, draft, Ct);
        Assert.True(saved.Saved, string.Join("; ", saved.Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
        Assert.True(await app.Get<PlaybookCatalog>().SetEnabledAsync(company, saved.Id!.Value, true, Ct));
        var summary = (await app.Get<PlaybookCatalog>().ListAsync(scenario.CompanyId, Ct)).Single(p => p.Id == saved.Id);

        var key = await app.Get<LeadCaptureKeys>().GetOrCreateAsync(company, Ct);
        var address = $"web.{Guid.NewGuid():N}"[..16] + "@example.org";
        var captured = await app.App.CreateClient().PostAsJsonAsync($"/api/leads/capture/{key}",
            new { email = address, name = "Wes Web", consent = true, consent_text = "Email me about Growth Lab" }, Ct);
        Assert.True(captured.IsSuccessStatusCode, await captured.Content.ReadAsStringAsync(Ct));
        await app.Get<PlaybookScheduler>().RunAsync(Ct);
        await app.Get<Dispatcher>().RunAsync(Ct);

        var first = Assert.Single(app.Smtp.To(address));
        Assert.Equal("Welcome, Wes", first.Subject);
        Assert.Contains("<li>", first.HtmlBody);
        Assert.Equal(0, summary.ReachableNow);
        Assert.Equal(1, (await app.Get<PlaybookCatalog>().ListAsync(scenario.CompanyId, Ct)).Single(p => p.Id == saved.Id).ReachableNow);

        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, (await app.App.CreateClient().PostAsync(EmailDispatchTests.UnsubscribePath(first), oneClick, Ct)).StatusCode);

        app.Time.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        await app.Get<Dispatcher>().RunAsync(Ct);

        Assert.Single(app.Smtp.To(address));
        await using var db = app.App.CreateDbContext();
        var lead = await db.Leads.SingleAsync(l => l.CompanyId == scenario.CompanyId && l.Email == address, Ct);
        var sends = await db.Sends.Where(s => s.PlaybookId == saved.Id).OrderBy(s => s.ScheduledFor).ToListAsync(Ct);
        Assert.Equal([(SendStatus.Sent, MessageChannel.Email), (SendStatus.Canceled, MessageChannel.Email)], sends.Select(s => (s.Status, s.Channel)));
        Assert.Contains("suppression list", sends[1].LastError);
        Assert.Null(lead.WhopUserId);
    }
}
