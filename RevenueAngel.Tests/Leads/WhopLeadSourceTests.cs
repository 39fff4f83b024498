using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Whop;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Leads;

/// Free-plan members and waitlist entries become leads with their Whop user, so push and direct messages reach them;
/// a web lead who later shows up on Whop with the same email is linked, not duplicated.
public sealed class WhopLeadSourceTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static object Entry(string id, string companyId, string userId, string status, string? email) => new Dictionary<string, object?>
    {
        ["id"] = id, ["created_at"] = "2026-11-20T10:00:00.000Z", ["status"] = status, ["plan"] = new { id = "plan_waitlisted" },
        ["product"] = new { id = "prod_x", title = "Pickaxe" }, ["user"] = new { id = userId, email, name = "Wren Wait", username = "wren" },
        ["custom_field_responses"] = Array.Empty<object>(), ["company"] = new { id = companyId },
    };

    private async Task<List<Lead>> LeadsAsync(string companyId)
    {
        await using var db = app.App.CreateDbContext();
        return await db.Leads.Where(l => l.CompanyId == companyId).OrderBy(l => l.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task AMembershipOnAFreePlanMakesAReachableLeadAndOneOnAPaidPlanDoesNot()
    {
        var (companyId, _) = await app.CompanyAsync();
        var (free, paid) = ($"user_{companyId}_free", $"user_{companyId}_paid");
        var now = app.Time.GetUtcNow();

        await app.ApplyAsync(companyId, "membership.activated", WhopEvents.Membership($"mem_{free}", companyId, free, LeadsAppFixture.FreePlan(companyId), "active", now));
        await app.ApplyAsync(companyId, "membership.activated", WhopEvents.Membership($"mem_{paid}", companyId, paid, LeadsAppFixture.PaidPlan(companyId), "active", now));
        await app.ApplyAsync(companyId, "membership.deactivated", WhopEvents.Membership($"mem_{free}", companyId, free, LeadsAppFixture.FreePlan(companyId), "expired", now.AddMinutes(1)));

        var lead = Assert.Single(await LeadsAsync(companyId));
        await using var db = app.App.CreateDbContext();
        var member = await db.Members.SingleAsync(m => m.CompanyId == companyId && m.WhopUserId == free, Ct);
        Assert.Equal((LeadSources.WhopFreePlan, free, member.Id), (lead.Source, lead.WhopUserId, lead.MemberId));
        Assert.Equal([LeadReach.Push, LeadReach.DirectMessage], LeadReach.Channels(lead));
    }

    [Fact]
    public async Task WaitlistEntriesMakeLeadsAndADeniedOneKeepsItsLeadWithTheStatus()
    {
        var (companyId, _) = await app.CompanyAsync();
        var userId = $"user_{companyId}_wait";
        var entryId = $"entry_{companyId}";

        await app.ApplyAsync(companyId, "entry.created", Entry(entryId, companyId, userId, "pending", "Wren@Example.com"));
        var created = Assert.Single(await LeadsAsync(companyId));
        await app.ApplyAsync(companyId, "entry.denied", Entry(entryId, companyId, userId, "denied", "wren@example.com"));
        await app.ApplyAsync(companyId, "entry.deleted", Entry($"entry_{companyId}_gone", companyId, $"user_{companyId}_gone", "pending", null));

        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal((created.Id, LeadSources.WhopWaitlist, userId, "wren@example.com"), (lead.Id, lead.Source, lead.WhopUserId, lead.Email));
        Assert.Equal((entryId, "denied"), (lead.WaitlistEntryId, lead.WaitlistStatus));
        Assert.Contains(LeadReach.Push, LeadReach.Channels(lead));
    }

    [Fact]
    public async Task AWebLeadWhoJoinsTheWaitlistWithTheSameEmailIsLinkedAndBecomesReachable()
    {
        var (companyId, key) = await app.CompanyAsync();
        await app.CaptureAsync(key, new { email = "early@example.com", name = "Early Bird", consent = true, consent_text = "ok" });
        var userId = $"user_{companyId}_early";

        await app.ApplyAsync(companyId, "entry.approved", Entry($"entry_{companyId}_e", companyId, userId, "approved", "early@example.com"));

        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal((LeadSources.Web, userId, "approved", "Early Bird"), (lead.Source, lead.WhopUserId, lead.WaitlistStatus, lead.Name));
        Assert.Equal([LeadReach.Push, LeadReach.DirectMessage, LeadReach.Email], LeadReach.Channels(lead));
    }

    [Fact]
    public async Task AWaitlistEntryThatJoinsAnEmailLeadAndAUserLeadMergesThemAndWakesTheWaitingSequence()
    {
        var (companyId, key) = await app.CompanyAsync();
        var userId = $"user_{companyId}_twice";
        await using (var db = app.App.CreateDbContext())
        {
            var template = new Core.Messaging.MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi", Body = "Welcome" };
            db.MessageTemplates.Add(template);
            await db.SaveChangesAsync(Ct);
            var playbook = new Core.Playbooks.Playbook
            {
                CompanyId = companyId, Name = "Nurture", Type = Core.Playbooks.PlaybookType.Nurture, Enabled = true, HoldoutPercent = 0,
                Goal = Core.Playbooks.PlaybookGoal.FirstPayment, CreatedAt = app.Time.GetUtcNow(),
            };
            playbook.Steps.Add(new Core.Playbooks.PlaybookStep { Position = 1, Channel = Core.Messaging.MessageChannel.Push, TemplateId = template.Id });
            db.Playbooks.Add(playbook);
            db.Leads.Add(new Lead { CompanyId = companyId, WhopUserId = userId, Source = LeadSources.WhopFreePlan, CapturedAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }
        app.Time.Advance(TimeSpan.FromMinutes(1));
        // Captured after the Whop lead existed, so that one is older and stays; the web lead's sequence moves to it.
        await using (var db = app.App.CreateDbContext())
            await db.Leads.Where(l => l.CompanyId == companyId).ExecuteUpdateAsync(u => u.SetProperty(l => l.CapturedAt, app.Time.GetUtcNow().AddDays(-1)), Ct);
        await app.CaptureAsync(key, new { email = "twice@example.com", consent = true, consent_text = "ok" });
        await app.Get<Core.Dispatch.Dispatcher>().RunAsync(Ct);
        Assert.DoesNotContain(app.Whop.Store.Deliveries, d => d.CompanyId == companyId);

        await app.ApplyAsync(companyId, "entry.created", Entry($"entry_{companyId}_t", companyId, userId, "pending", "twice@example.com"));
        await app.Get<Core.Dispatch.Dispatcher>().RunAsync(Ct);

        var lead = Assert.Single(await LeadsAsync(companyId));
        Assert.Equal((LeadSources.WhopFreePlan, userId, "twice@example.com", true), (lead.Source, lead.WhopUserId, lead.Email, lead.EmailConsent));
        Assert.Single(app.Whop.Store.Deliveries, d => d.CompanyId == companyId && d.Kind == "notification");
        await using var check = app.App.CreateDbContext();
        var enrollment = await check.Enrollments.SingleAsync(e => e.CompanyId == companyId, Ct);
        Assert.Equal(lead.Id, enrollment.SubjectId);
    }

    [Fact]
    public async Task TheSyncMakesLeadsOfFreeMembersAndOfListedWaitlistEntries()
    {
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();
        var freePlan = $"plan_free_{company.CompanyId}";
        app.Whop.Store.Plans[freePlan] = new FakePlan(freePlan, company.CompanyId, company.ProductId, "Free", 0m, 30);
        var freeMember = company.AddMember(1, planId: freePlan);
        company.AddMember(2);
        app.Whop.Store.Users["user_waiting"] = new FakeUser("user_waiting", "waiting", "Wai Ting", "waiting@example.com");
        app.Whop.Store.Entries[$"entry_{company.CompanyId}"] = new FakeEntry($"entry_{company.CompanyId}", company.CompanyId, "user_waiting", company.ProPlanId,
            company.ProductId, "pending", app.Time.GetUtcNow());
        await using (var db = app.App.CreateDbContext())
        {
            db.Companies.Add(new Company { Id = company.CompanyId, Name = "Acme Traders", InstalledAt = app.Time.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }

        await app.Get<CompanySync>().SyncAsync(company.CompanyId, Ct);

        var leads = await LeadsAsync(company.CompanyId);
        Assert.Equal([(LeadSources.WhopFreePlan, freeMember.UserId), (LeadSources.WhopWaitlist, "user_waiting")],
            leads.Select(l => (l.Source, l.WhopUserId!)).OrderBy(l => l.Item1));
        Assert.Equal("waiting@example.com", leads.Single(l => l.Source == LeadSources.WhopWaitlist).Email);
    }

    [Fact]
    public async Task AWaitlistPathTheApiDoesNotHaveListsNothing()
    {
        var company = new FakeWhopBuilder(app.Whop.Store).WithCatalog();

        var entries = await app.Get<WhopClient>().ListWaitlistEntriesAsync(company.CompanyId, "waitlists/unconfirmed_entries", Ct).ToListAsync(Ct);

        Assert.Empty(entries);
    }
}
