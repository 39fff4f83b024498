using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// A ChurnSave step with an offer: its send makes the member's offer, links to it, and the link works.
public sealed class StepOfferDispatchTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASendOfAnOfferStepLinksToTheMembersOfferPageAndAcceptingItPauses()
    {
        var scenario = await OfferScenario.CreateAsync(fixture, members: 1);
        var send = await ScheduleOfferStepAsync(scenario, new OfferTerms(OfferKind.Pause, Days: 21));

        await fixture.Get<Dispatcher>().RunAsync(Ct);

        var push = OfferScenario.Json(Assert.Single(scenario.Deliveries("notification")));
        var restPath = push.GetProperty("rest_path").GetString()!;
        Assert.StartsWith("/offers/", restPath);
        var token = restPath["/offers/".Length..];
        Assert.Contains($"/experiences/{scenario.ExperienceId}/offers/{token}", push.GetProperty("content").GetString());
        var offers = await fixture.Get<OfferQueries>().ListAsync(scenario.CompanyId, ct: Ct);
        var offer = Assert.Single(offers);
        Assert.Equal((send.Id, send.StepId, OfferKind.Pause, 21), (offer.SendId!.Value, offer.StepId!.Value, offer.Kind, offer.PauseDays!.Value));

        var view = await fixture.Get<OfferService>().FindAsync(scenario.ExperienceId, token, scenario.UserId(0), Ct);
        Assert.Equal("Stay with us, Member?", view!.Title);
        var result = await scenario.AcceptAsync(0, token);
        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        Assert.True(scenario.Memberships[0].Paused);
        // offer_url is the offer page's: no checkout link was made for it.
        Assert.Empty(scenario.Deliveries("checkout_configuration"));
    }

    [Fact]
    public async Task AStepOfferIsSavedWithThePlaybookAndOnlyForChurnSave()
    {
        var scenario = await OfferScenario.CreateAsync(fixture, members: 1);
        var editor = fixture.Get<PlaybookEditor>();
        PlaybookDraft Draft(PlaybookType type, OfferTerms offer) => new()
        {
            Name = "Saves", Type = type, Trigger = type == PlaybookType.ChurnSave ? PlaybookTrigger.CancelRequested : PlaybookTrigger.SegmentEntry,
            Goal = type == PlaybookType.ChurnSave ? PlaybookGoal.CancelWithdrawn : PlaybookGoal.Upgrade,
            Steps = [new StepDraft { Title = "Stay?", Body = "{{ offer_url }}", Offer = offer }],
        };

        var saved = await editor.CreateAsync(scenario.Scope, Draft(PlaybookType.ChurnSave, new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId)), Ct);
        var wrongType = await editor.CreateAsync(scenario.Scope, Draft(PlaybookType.Upsell, new OfferTerms(OfferKind.Pause, Days: 7)), Ct);
        var badTerms = await editor.CreateAsync(scenario.Scope, Draft(PlaybookType.ChurnSave, new OfferTerms(OfferKind.Discount, Percent: 150)), Ct);

        Assert.True(saved.Saved, string.Join("; ", saved.Problems.SelectMany(p => p.Value)));
        var detail = await fixture.Get<PlaybookCatalog>().GetAsync(scenario.CompanyId, saved.Id!.Value, Ct);
        Assert.Equal(new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId), detail!.Steps[0].Offer);
        Assert.Contains("steps[0].offer", wrongType.Problems.Keys);
        Assert.Contains("steps[0].offer", badTerms.Problems.Keys);
    }

    [Theory]
    [InlineData("too_expensive", OfferKind.Discount)]
    [InlineData("switching", OfferKind.FreeDays)]
    [InlineData(null, OfferKind.FreeDays)]
    public async Task ACancelSaveOffersWhatTheMembersReasonForCancellingIsRoutedTo(string? reason, OfferKind expected)
    {
        var scenario = await OfferScenario.CreateAsync(fixture, members: 1);
        var send = await ScheduleOfferStepAsync(scenario, new OfferTerms(OfferKind.Pause, Days: 30));
        await using (var db = fixture.App.CreateDbContext())
        {
            await db.Playbooks.Where(p => p.Id == send.PlaybookId).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.Trigger, PlaybookTrigger.CancelRequested)
                .SetProperty(p => p.CancelOfferRoutes, CancelOfferRoutes.Write(new Dictionary<string, OfferTerms>
                {
                    ["too_expensive"] = new(OfferKind.Discount, Percent: 20), ["other"] = new(OfferKind.FreeDays, Days: 7),
                })), Ct);
            await db.Memberships.Where(m => m.CompanyId == scenario.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(m => m.CancelOption, reason), Ct);
        }

        await fixture.Get<Dispatcher>().RunAsync(Ct);

        var offer = Assert.Single(await fixture.Get<OfferQueries>().ListAsync(scenario.CompanyId, ct: Ct));
        Assert.Equal(expected, offer.Kind);
        if (expected == OfferKind.Discount) Assert.Equal(20, offer.DiscountPercent);
    }

    [Fact]
    public async Task CancelRoutesAreValidatedAndKeptOnlyForACancelRequestedPlaybook()
    {
        var scenario = await OfferScenario.CreateAsync(fixture, members: 1);
        var editor = fixture.Get<PlaybookEditor>();
        PlaybookDraft Draft(PlaybookTrigger trigger, string reason, OfferTerms terms) => new()
        {
            Name = "Cancel save", Type = PlaybookType.ChurnSave, Trigger = trigger, Goal = PlaybookGoal.CancelWithdrawn,
            Steps = [new StepDraft { Title = "Stay?", Body = "We'd miss you.", CtaLabel = "See my offer", CtaUrl = "{{ offer_url }}", Offer = new(OfferKind.Pause, Days: 30) }],
            CancelOfferRoutes = new() { [reason] = terms },
        };

        var saved = await editor.CreateAsync(scenario.Scope, Draft(PlaybookTrigger.CancelRequested, "too_expensive", new(OfferKind.Discount, Percent: 25)), Ct);
        var unknownReason = await editor.CreateAsync(scenario.Scope, Draft(PlaybookTrigger.CancelRequested, "too_pricey", new(OfferKind.Discount, Percent: 25)), Ct);
        var wrongTrigger = await editor.CreateAsync(scenario.Scope, Draft(PlaybookTrigger.PaymentFailed, "too_expensive", new(OfferKind.Discount, Percent: 25)), Ct);

        Assert.True(saved.Saved, string.Join("; ", saved.Problems.SelectMany(p => p.Value)));
        var detail = await fixture.Get<PlaybookCatalog>().GetAsync(scenario.CompanyId, saved.Id!.Value, Ct);
        Assert.Equal(new OfferTerms(OfferKind.Discount, Percent: 25), detail!.CancelOfferRoutes!["too_expensive"]);
        Assert.Contains("not one of Whop's cancellation reasons", unknownReason.Problems["cancelOfferRoutes"][0]);
        Assert.Contains("cancellation request", wrongTrigger.Problems["cancelOfferRoutes"][0]);
    }

    private async Task<Send> ScheduleOfferStepAsync(OfferScenario scenario, OfferTerms terms)
    {
        await using var db = fixture.App.CreateDbContext();
        var template = new MessageTemplate
        {
            CompanyId = scenario.CompanyId, Name = "save", Title = "Stay with us, Member?", Body = "Take a break instead: {{ offer_url }}",
        };
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(Ct);
        var playbook = new Playbook
        {
            CompanyId = scenario.CompanyId, Name = "Save", Type = PlaybookType.ChurnSave, Enabled = true, Priority = 20, HoldoutPercent = 0,
            Goal = PlaybookGoal.PaymentRecovered, CreatedAt = fixture.Time.GetUtcNow(),
        };
        playbook.Steps.Add(new PlaybookStep { Position = 1, Channel = MessageChannel.Push, TemplateId = template.Id, Offer = terms });
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(Ct);
        var enrollment = new Enrollment
        {
            CompanyId = scenario.CompanyId, PlaybookId = playbook.Id, SubjectId = scenario.Members[0].Id, EnteredAt = fixture.Time.GetUtcNow(), Group = "treatment",
        };
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(Ct);
        var send = Send.Schedule(scenario.CompanyId, playbook.Id, playbook.Steps[0].Id, enrollment.Id, MessageChannel.Push, fixture.Time.GetUtcNow());
        db.Sends.Add(send);
        await db.SaveChangesAsync(Ct);
        return send;
    }
}
