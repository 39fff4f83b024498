using RevenueAngel.Core.Offers;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Offers;

/// Each kind of offer, accepted by its member, is carried out through the fake Whop over real HTTP, and records
/// the calls it made.
public sealed class OfferAcceptTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task APauseIsMadeOnWhopAndTheJobResumesItOnItsDate()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14));
        var acceptedAt = fixture.Time.GetUtcNow();

        var result = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        Assert.True(scenario.Memberships[0].Paused);
        var detail = await scenario.DetailAsync(offer.Id);
        Assert.Equal(OfferStatus.Accepted, detail.Offer.Status);
        Assert.Equal(acceptedAt.AddDays(14), detail.Offer.ResumeAt);
        Assert.Equal(["get_membership:True", "pause:True"], detail.Calls.Select(c => $"{c.Operation}:{c.Succeeded}"));

        await fixture.Get<OfferMaintenance>().RunAsync(Ct);
        Assert.True(scenario.Memberships[0].Paused);

        fixture.Time.Advance(TimeSpan.FromDays(14));
        await fixture.Get<OfferMaintenance>().RunAsync(Ct);

        Assert.False(scenario.Memberships[0].Paused);
        detail = await scenario.DetailAsync(offer.Id);
        Assert.Equal(fixture.Time.GetUtcNow(), detail.Offer.ResumedAt);
        Assert.Equal("resume", detail.Calls[^1].Operation);
        Assert.Single(scenario.Writes(0), r => r.PathAndQuery.EndsWith("/resume", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APauseTheMemberEndedEarlyIsNotResumedAgain()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 7));
        await scenario.AcceptAsync(0, offer.Token);
        scenario.Memberships[0].Paused = false;

        fixture.Time.Advance(TimeSpan.FromDays(7));
        await fixture.Get<OfferMaintenance>().RunAsync(Ct);

        Assert.DoesNotContain(scenario.Writes(0), r => r.PathAndQuery.EndsWith("/resume", StringComparison.Ordinal));
        Assert.NotNull((await scenario.DetailAsync(offer.Id)).Offer.ResumedAt);
    }

    [Fact]
    public async Task FreeDaysMoveTheRenewalOnWhop()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var renewal = scenario.Memberships[0].RenewalPeriodEnd;
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 10));

        var result = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        Assert.Equal(renewal.AddDays(10), scenario.Memberships[0].RenewalPeriodEnd);
        var call = Assert.Single(scenario.Writes(0));
        Assert.EndsWith("/add_free_days", call.PathAndQuery);
        Assert.Equal(10, System.Text.Json.JsonDocument.Parse(call.Body).RootElement.GetProperty("free_days").GetInt32());
    }

    [Fact]
    public async Task ADiscountIsAOnePerCustomerPromoCodeForExistingMembershipsOnly()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 30));

        var result = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        var delivery = Assert.Single(scenario.Deliveries("promo_code"));
        Assert.Equal($"ra_offer_{offer.Id}", delivery.IdempotencyKey);
        var body = OfferScenario.Json(delivery);
        Assert.Equal(scenario.CompanyId, body.GetProperty("company_id").GetString());
        Assert.Equal("percentage", body.GetProperty("promo_type").GetString());
        Assert.Equal(30m, body.GetProperty("amount_off").GetDecimal());
        Assert.True(body.GetProperty("existing_memberships_only").GetBoolean());
        Assert.True(body.GetProperty("one_per_customer").GetBoolean());
        Assert.False(body.GetProperty("new_users_only").GetBoolean());
        Assert.Equal([scenario.Whop.ProPlanId], body.GetProperty("plan_ids").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(body.GetProperty("code").GetString(), result.Offer!.PromoCode);
        Assert.StartsWith("KEEP30-", result.Offer.PromoCode);
    }

    [Fact]
    public async Task ADowngradeIsACheckoutForTheCheaperPlanCarryingTheOffer()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        scenario.Memberships[0].CancelAtPeriodEnd = true;
        scenario.Memberships[0].Status = "canceling";
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId));

        var result = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        var delivery = Assert.Single(scenario.Deliveries("checkout_configuration"));
        Assert.Equal($"ra_offer_{offer.Id}", delivery.IdempotencyKey);
        var body = OfferScenario.Json(delivery);
        Assert.Equal(scenario.Whop.BasicPlanId, body.GetProperty("plan_id").GetString());
        Assert.Equal(offer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("metadata").GetProperty("ra_offer").GetString());
        Assert.StartsWith($"https://whop.com/checkout/{scenario.Whop.BasicPlanId}?session=", result.Offer!.CheckoutUrl);
        Assert.Equal("Basic", result.Offer.DowngradePlanTitle);
        // The expensive membership still ends: uncanceling it would bill the member twice.
        Assert.True(scenario.Memberships[0].CancelAtPeriodEnd);
        Assert.Empty(scenario.Writes(0));
    }

    [Fact]
    public async Task AcceptingAfterACancelRequestUncancelsFirst()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        scenario.Memberships[0].CancelAtPeriodEnd = true;
        scenario.Memberships[0].Status = "canceling";
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 5));

        var result = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Accepted, result.Outcome);
        Assert.True(result.Offer!.Uncanceled);
        Assert.False(scenario.Memberships[0].CancelAtPeriodEnd);
        Assert.Equal("active", scenario.Memberships[0].Status);
        Assert.Equal(["get_membership", "uncancel", "add_free_days"], (await scenario.DetailAsync(offer.Id)).Calls.Select(c => c.Operation));
    }

    [Fact]
    public async Task AFailedWhopCallFailsTheOfferWithItsCallRecorded()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        fixture.Whop.Store.FailUntil(DateTimeOffset.MaxValue, 422, $"/memberships/{scenario.Memberships[0].Id}/add_free_days");
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 5));

        var result = await scenario.AcceptAsync(0, offer.Token);
        var again = await scenario.AcceptAsync(0, offer.Token);

        Assert.Equal(OfferOutcome.Failed, result.Outcome);
        Assert.Equal(OfferOutcome.Failed, again.Outcome);
        var detail = await scenario.DetailAsync(offer.Id);
        Assert.Equal(OfferStatus.Failed, detail.Offer.Status);
        Assert.Contains("add_free_days", detail.Offer.FailureReason);
        var failed = detail.Calls[^1];
        Assert.Equal(("add_free_days", false, 422), (failed.Operation, failed.Succeeded, failed.StatusCode));
        Assert.Equal("Whop is unavailable", failed.Error);
        Assert.Single(scenario.Writes(0));
    }
}
