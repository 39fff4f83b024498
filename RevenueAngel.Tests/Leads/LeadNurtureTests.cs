using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Leads;

/// A Nurture playbook end to end: captured leads enter it, the reachable ones get its messages through Whop, the
/// unreachable one waits in its sequence (skipped, not exited), and a first payment ends the buyer's sequence.
public sealed class LeadNurtureTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<Playbook> NurtureAsync(string companyId)
    {
        await using var db = app.App.CreateDbContext();
        var templates = Enumerable.Range(0, 2).Select(_ => new MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi {{ first_name }}", Body = "Welcome to {{ community_name }}" }).ToList();
        db.MessageTemplates.AddRange(templates);
        await db.SaveChangesAsync(Ct);
        var playbook = new Playbook
        {
            CompanyId = companyId, Name = "First purchase", Type = PlaybookType.Nurture, Enabled = true, Priority = 10, HoldoutPercent = 0,
            Goal = PlaybookGoal.FirstPayment, Trigger = PlaybookTrigger.SegmentEntry, CreatedAt = app.Time.GetUtcNow(),
            TargetRules = """{"all":[{"field":"lead_status","op":"in","value":["new","nurturing"]}]}""",
        };
        playbook.Steps.AddRange([
            new PlaybookStep { Position = 1, DelayMinutes = 0, Channel = MessageChannel.Push, TemplateId = templates[0].Id },
            new PlaybookStep { Position = 2, DelayMinutes = 1440, Channel = MessageChannel.Push, TemplateId = templates[1].Id },
        ]);
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(Ct);
        return playbook;
    }

    [Fact]
    public async Task CapturedLeadsEnterTheReachableAreMessagedTheUnreachableWaitAndAFirstPaymentStopsTheSequence()
    {
        var (companyId, key) = await app.CompanyAsync();
        var playbook = await NurtureAsync(companyId);
        var buyer = $"user_{companyId}_buyer";

        // A web lead enters at once; a free member becomes a lead and enters at the scheduler's next run.
        await app.CaptureAsync(key, new { email = "web-only@example.com", name = "Wes Web", consent = true, consent_text = "ok" });
        await using (var db = app.App.CreateDbContext())
            Assert.Single(await db.Enrollments.Where(e => e.PlaybookId == playbook.Id).ToListAsync(Ct));
        await app.ApplyAsync(companyId, "membership.activated",
            WhopEvents.Membership($"mem_{buyer}", companyId, buyer, LeadsAppFixture.FreePlan(companyId), "active", app.Time.GetUtcNow()));
        await app.Get<PlaybookScheduler>().RunAsync(Ct);

        var summary = (await app.Get<PlaybookCatalog>().ListAsync(companyId, Ct)).Single(p => p.Id == playbook.Id);
        Assert.Equal((1, 2), (summary.ReachableNow, summary.AudienceSize));

        await app.Get<Dispatcher>().RunAsync(Ct);

        var delivered = Assert.Single(app.Whop.Store.Deliveries, d => d.CompanyId == companyId && d.Kind == "notification");
        Assert.Contains(buyer, delivered.Body);
        await using (var db = app.App.CreateDbContext())
        {
            var web = await db.Leads.SingleAsync(l => l.CompanyId == companyId && l.Email == "web-only@example.com", Ct);
            var waiting = await db.Enrollments.SingleAsync(e => e.PlaybookId == playbook.Id && e.SubjectId == web.Id, Ct);
            Assert.Equal(EnrollmentStatus.Active, waiting.Status);
            // Both the captured lead (enrolled at once) and the free member's (by the scheduler) are now being nurtured.
            Assert.Equal([LeadStatus.Nurturing, LeadStatus.Nurturing], await db.Leads.Where(l => l.CompanyId == companyId).Select(l => l.Status).ToListAsync(Ct));
            var parked = await db.Sends.Where(s => s.EnrollmentId == waiting.Id).OrderBy(s => s.StepId).FirstAsync(Ct);
            Assert.Equal((SendStatus.Scheduled, LeadReachability.ParkedReason), (parked.Status, parked.LastError));
        }

        var payment = (Dictionary<string, object?>)WhopEvents.Payment($"pay_{buyer}", companyId, buyer, $"mem_{buyer}_pro", LeadsAppFixture.PaidPlan(companyId),
            19m, "paid", app.Time.GetUtcNow());
        await app.ApplyAsync(companyId, "payment.succeeded", payment);

        await using var check = app.App.CreateDbContext();
        var lead = await check.Leads.SingleAsync(l => l.CompanyId == companyId && l.WhopUserId == buyer, Ct);
        var converted = await check.Enrollments.SingleAsync(e => e.PlaybookId == playbook.Id && e.SubjectId == lead.Id, Ct);
        Assert.Equal((LeadStatus.Converted, EnrollmentStatus.Converted), (lead.Status, converted.Status));
        Assert.DoesNotContain(check.Sends.Where(s => s.EnrollmentId == converted.Id), s => s.Status == SendStatus.Scheduled);
        Assert.Equal(EnrollmentStatus.Active, check.Enrollments.Single(e => e.PlaybookId == playbook.Id && e.SubjectId != lead.Id).Status);
    }
}
