using RevenueAngel.Core.Offers;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// Offers are safe to click twice, in two tabs, late, by the wrong person or too often.
public sealed class OfferGuardTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private OfferService Offers => fixture.Get<OfferService>();

    [Fact]
    public async Task AcceptingTwiceCallsWhopOnce()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 30));

        var first = await scenario.AcceptAsync(0, offer.Token);
        var second = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, first.Outcome);
        Assert.Equal(OfferOutcome.AlreadyAccepted, second.Outcome);
        Assert.Equal(first.Offer!.ResumeAt, second.Offer!.ResumeAt);
        Assert.Single(scenario.Writes(0));
    }

    [Fact]
    public async Task ConcurrentAcceptsCallWhopOnceAndAllSeeTheResult()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 20));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => scenario.AcceptAsync(0, offer.Token), Ct)));

        Assert.Single(results, r => r.Outcome == OfferOutcome.Accepted);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { OfferOutcome.Accepted, OfferOutcome.AlreadyAccepted }));
        Assert.Single(scenario.Deliveries("promo_code"));
        Assert.Single(results.Select(r => r.Offer!.PromoCode).Distinct());
    }

    [Fact]
    public async Task AnAcceptArrivingWhileWhopIsCalledWaitsForThatOutcome()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 30));
        Task<OfferResult>? second = null;
        var pausePath = $"/memberships/{scenario.Memberships[0].Id}/pause";
        fixture.Whop.Store.OnRequest = request =>
        {
            if (!request.PathAndQuery.EndsWith(pausePath, StringComparison.Ordinal) || second is not null) return;
            second = Task.Run(() => scenario.AcceptAsync(0, offer.Token), Ct);
            // Hold the pause until the second click has found the offer being accepted.
            SpinWait.SpinUntil(() => second.IsCompleted, TimeSpan.FromMilliseconds(600));
        };
        try
        {
            var first = await scenario.AcceptAsync(0, offer.Token);

            Assert.Equal(OfferOutcome.Accepted, first.Outcome);
            Assert.NotNull(second);
            Assert.Equal(OfferOutcome.AlreadyAccepted, (await second).Outcome);
            Assert.Single(scenario.Writes(0));
        }
        finally
        {
            fixture.Whop.Store.OnRequest = null;
        }
    }

    [Fact]
    public async Task AnExpiredOfferIsRefusedWithoutCallingWhop()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        fixture.Time.Advance(TimeSpan.FromDays(7));

        Assert.Equal(OfferStatus.Expired, (await Offers.FindAsync(scenario.ExperienceId, offer.Token, scenario.UserId(0), Ct))!.Status);
        Assert.Equal(OfferOutcome.Expired, (await scenario.AcceptAsync(0, offer.Token)).Outcome);
        Assert.Equal(OfferOutcome.Expired, (await Offers.DeclineAsync(scenario.ExperienceId, offer.Token, scenario.UserId(0), "other", Ct)).Outcome);
        Assert.Equal(OfferStatus.Expired, (await scenario.DetailAsync(offer.Id)).Offer.Status);
        Assert.DoesNotContain(fixture.Whop.Store.Requests, r => r.PathAndQuery.Contains(scenario.Memberships[0].Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMaintenanceJobExpiresOffersPastTheirDate()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        var fresh = await scenario.OfferAsync(1, new OfferTerms(OfferKind.FreeDays, Days: 3));
        fixture.Time.Advance(TimeSpan.FromDays(7));
        await using (var db = fixture.App.CreateDbContext())
        {
            var late = db.SaveOffers.Single(o => o.Id == fresh.Id);
            db.Entry(late).Property(o => o.ExpiresAt).CurrentValue = fixture.Time.GetUtcNow().AddDays(1);
            await db.SaveChangesAsync(Ct);
        }

        await fixture.Get<OfferMaintenance>().RunAsync(Ct);

        Assert.Equal(OfferStatus.Expired, (await scenario.DetailAsync(offer.Id)).Offer.Status);
        Assert.Equal(OfferStatus.Offered, (await scenario.DetailAsync(fresh.Id)).Offer.Status);
    }

    [Fact]
    public async Task AnAcceptCutOffMidwayFailsAndIsNeverExecutedAgain()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        await using (var db = fixture.App.CreateDbContext())
        {
            // As the claim leaves it when the process stops while Whop is being called.
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(db.SaveOffers.Where(o => o.Id == offer.Id),
                s => s.SetProperty(o => o.Status, OfferStatus.Accepting).SetProperty(o => o.AcceptedAt, fixture.Time.GetUtcNow()), Ct);
        }
        await fixture.Get<OfferMaintenance>().RunAsync(Ct);
        Assert.Equal(OfferStatus.Accepting, (await scenario.DetailAsync(offer.Id)).Offer.Status);

        fixture.Time.Advance(OfferMaintenance.InterruptedAfter + TimeSpan.FromMinutes(1));
        await fixture.Get<OfferMaintenance>().RunAsync(Ct);

        Assert.Equal(OfferStatus.Failed, (await scenario.DetailAsync(offer.Id)).Offer.Status);
        Assert.Equal(OfferOutcome.Failed, (await scenario.AcceptAsync(0, offer.Token)).Outcome);
        Assert.Empty(scenario.Writes(0));
    }

    [Fact]
    public async Task AMemberAcceptsAtMostOneOfferPerCooldown()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var first = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        var second = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        var otherMember = await scenario.OfferAsync(1, new OfferTerms(OfferKind.FreeDays, Days: 3));

        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, first.Token)).Outcome);
        var refused = await scenario.AcceptAsync(0, second.Token);
        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(1, otherMember.Token)).Outcome);

        Assert.Equal(OfferOutcome.Cooldown, refused.Outcome);
        Assert.Equal(OfferStatus.Offered, refused.Offer!.Status);
        Assert.Single(scenario.Writes(0));

        // After the cooldown (90 days by default) a new offer can be accepted.
        fixture.Time.Advance(TimeSpan.FromDays(90));
        var later = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, later.Token)).Outcome);
    }

    [Fact]
    public async Task AnotherMembersOrAnotherCompanysOfferIsNotFound()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var elsewhere = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 30));

        // Another member of the same community, with the right token.
        Assert.Null(await Offers.FindAsync(scenario.ExperienceId, offer.Token, scenario.UserId(1), Ct));
        Assert.Equal(OfferOutcome.NotFound, (await scenario.AcceptAsync(1, offer.Token)).Outcome);
        Assert.Equal(OfferOutcome.NotFound, (await Offers.DeclineAsync(scenario.ExperienceId, offer.Token, scenario.UserId(1), "other", Ct)).Outcome);
        // The right member, through another company's experience.
        Assert.Null(await Offers.FindAsync(elsewhere.ExperienceId, offer.Token, scenario.UserId(0), Ct));
        Assert.Equal(OfferOutcome.NotFound, (await Offers.AcceptAsync(elsewhere.ExperienceId, offer.Token, scenario.UserId(0), Ct)).Outcome);
        // A token nobody was given.
        Assert.Equal(OfferOutcome.NotFound, (await scenario.AcceptAsync(0, SaveOffer.NewToken())).Outcome);

        Assert.Empty(scenario.Writes(0));
        Assert.Equal(OfferStatus.Offered, (await scenario.DetailAsync(offer.Id)).Offer.Status);
        Assert.NotNull(await Offers.FindAsync(scenario.ExperienceId, offer.Token, scenario.UserId(0), Ct));
    }

    [Fact]
    public async Task DecliningRecordsWhopsReasonAndCannotBeUndoneByAnAccept()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 25));

        await Assert.ThrowsAsync<ArgumentException>(() => Offers.DeclineAsync(scenario.ExperienceId, offer.Token, scenario.UserId(0), "testing", Ct));
        var declined = await Offers.DeclineAsync(scenario.ExperienceId, offer.Token, scenario.UserId(0), "too_expensive", Ct);
        var accept = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Declined, declined.Outcome);
        Assert.Equal(OfferOutcome.AlreadyDeclined, accept.Outcome);
        Assert.Equal("too_expensive", (await scenario.DetailAsync(offer.Id)).Offer.DeclineReason);
        Assert.Empty(scenario.Deliveries("promo_code"));
    }

    [Fact]
    public async Task OffersOnlyForTheCompanysOwnMembershipsAndPlans()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var elsewhere = await OfferScenario.CreateAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => scenario.OfferAsync(0, new OfferTerms(OfferKind.Downgrade, PlanId: elsewhere.Whop.BasicPlanId)));
        await Assert.ThrowsAsync<ArgumentException>(() => Offers.CreateAsync(scenario.Scope, scenario.Members[0].Id, elsewhere.Memberships[0].Id,
            new OfferTerms(OfferKind.Pause, Days: 3), null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 0)));
    }

    [Fact]
    public async Task OnlyTheTokensHashIsStored()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 3));

        await using var db = fixture.App.CreateDbContext();
        var stored = db.SaveOffers.Single(o => o.Id == offer.Id);
        Assert.Equal(SaveOffer.HashOf(offer.Token), stored.TokenHash);
        Assert.NotEqual(offer.Token, stored.TokenHash);
        Assert.True(offer.Token.Length >= 32);
    }
}
