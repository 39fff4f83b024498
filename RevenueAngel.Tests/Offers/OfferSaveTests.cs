using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Offers;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Offers;

/// An accepted offer is a save that counts when the money arrives, once, credited to its offer; two offers accepted
/// at the same instant cannot both pass the cooldown.
public sealed class OfferSaveTests(WebhookAppFixture fixture) : IClassFixture<WebhookAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<List<Conversion>> ConversionsAsync(OfferScenario scenario)
    {
        await using var db = fixture.App.CreateDbContext();
        return await db.Conversions.AsNoTracking().Where(c => c.CompanyId == scenario.CompanyId).OrderBy(c => c.Id).ToListAsync(Ct);
    }

    private async Task PayAsync(OfferScenario scenario, int member, string paymentId, string planId, decimal total, int paymentsFailed = 0,
        string? membershipId = null, IReadOnlyDictionary<string, string>? metadata = null, Action<Dictionary<string, object?>>? shape = null)
    {
        var at = fixture.Time.GetUtcNow();
        var payment = (Dictionary<string, object?>)WhopEvents.Payment(paymentId, scenario.CompanyId, scenario.UserId(member),
            membershipId ?? scenario.Memberships[member].Id, planId, total, "paid", at, billingReason: "subscription_cycle", paymentsFailed: paymentsFailed);
        if (metadata is not null) payment["metadata"] = metadata;
        shape?.Invoke(payment);
        var response = await fixture.DeliverAsync(WhopEvents.Envelope("payment.succeeded", scenario.CompanyId, at, payment));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await fixture.ProcessAsync();
    }

    [Fact]
    public async Task AnAcceptedPauseIsASavePendingUntilTheRenewalIsPaidWhoseMoneyCountsOnce()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.SentOfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 14), "Take a break", "Pause: {{ offer_url }}");
        var from = fixture.Time.GetUtcNow();

        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, offer.Token)).Outcome);

        var save = Assert.Single(await ConversionsAsync(scenario));
        Assert.Equal((ConversionType.Save, ConversionState.Pending, offer.Id, 4999L), (save.Type, save.State, save.SaveOfferId, save.RevenueCents));
        Assert.Equal(scenario.Memberships[0].Id, save.WhopMembershipId);
        Assert.NotNull(save.AttributedSendId);
        Assert.Equal(AttributionMethod.Exact, save.AttributionMethod);

        fixture.Time.Advance(TimeSpan.FromDays(14));
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_renew", scenario.Whop.ProPlanId, 49.99m, paymentsFailed: 1);
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_renew", scenario.Whop.ProPlanId, 49.99m, paymentsFailed: 1);

        save = Assert.Single(await ConversionsAsync(scenario), c => c.Type == ConversionType.Save);
        Assert.Equal((ConversionState.Confirmed, $"pay_{scenario.CompanyId}_renew"), (save.State, save.ConfirmedByPaymentId));

        var recovery = Assert.Single(await ConversionsAsync(scenario), c => c.Type == ConversionType.Recovery);
        Assert.Equal((save.ConfirmedByPaymentId, 4999L), (recovery.WhopPaymentId, recovery.RevenueCents));

        // The renewal's money counts once in revenue kept (as the recovery); the offer's row shows what it kept.
        var report = (await fixture.Get<AnalyticsQueries>().GetOverviewAsync(scenario.CompanyId,
            new AnalyticsWindow(from, fixture.Time.GetUtcNow().AddMinutes(1)), Ct))!.ChurnSave!;
        Assert.Equal((1, 0L, 1, 4999L), (report.SavesConfirmed, report.SavesConfirmedCents, report.Recovered, report.RevenueKeptCents));
        var pause = Assert.Single(report.ByOffer, o => o.Kind == OfferKind.Pause);
        Assert.Equal(new OfferKindSaves(OfferKind.Pause, Offered: 1, Accepted: 1, SavesPending: 0, SavesConfirmed: 1, SavesLost: 0, SavesConfirmedCents: 4999),
            pause);
        Assert.All(report.ByOffer.Where(o => o.Kind != OfferKind.Pause), o => Assert.Equal(0, o.Offered));
    }

    [Fact]
    public async Task TheUncancelWebhooksSaveBecomesTheOffersInsteadOfASecondOne()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 7));
        await using (var db = fixture.App.CreateDbContext())
        {
            // What MembershipEvents records when the uncancel's webhook is processed before the accept commits.
            db.Conversions.Add(new Conversion
            {
                CompanyId = scenario.CompanyId, MemberId = scenario.Members[0].Id, WhopPaymentId = $"save:evt_{scenario.CompanyId}", Type = ConversionType.Save,
                RevenueCents = 4999, CreatedAt = fixture.Time.GetUtcNow(), WhopMembershipId = scenario.Memberships[0].Id, State = ConversionState.Pending,
            });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, offer.Token)).Outcome);

        var save = Assert.Single(await ConversionsAsync(scenario));
        Assert.Equal(offer.Id, save.SaveOfferId);
    }

    [Fact]
    public async Task ADowngradesSaveIsConfirmedByItsCheckoutsPayment()
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Downgrade, PlanId: scenario.Whop.BasicPlanId));
        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, offer.Token)).Outcome);

        var save = Assert.Single(await ConversionsAsync(scenario));
        Assert.Equal((ConversionState.Pending, 1999L, (string?)null), (save.State, save.RevenueCents, save.WhopMembershipId));

        // An unrelated payment on the old membership does not confirm it; the checkout's, carrying the offer, does.
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_old", scenario.Whop.ProPlanId, 49.99m);
        Assert.Equal(ConversionState.Pending, (await ConversionsAsync(scenario)).Single(c => c.SaveOfferId == offer.Id).State);
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_basic", scenario.Whop.BasicPlanId, 19.99m, membershipId: $"mem_new_{scenario.CompanyId}",
            metadata: new Dictionary<string, string> { [CheckoutMetadata.OfferKey] = offer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        save = (await ConversionsAsync(scenario)).Single(c => c.SaveOfferId == offer.Id);
        Assert.Equal((ConversionState.Confirmed, $"pay_{scenario.CompanyId}_basic"), (save.State, save.ConfirmedByPaymentId));
    }

    [Theory]
    [InlineData("object")]
    [InlineData("promo_code_id")]
    public async Task ADiscountIsASaveAtTheDiscountedPriceAndIsMarkedAppliedByTheRenewalCarryingItsCode(string shape)
    {
        var scenario = await OfferScenario.CreateAsync(fixture);
        var offer = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Discount, Percent: 30));
        Assert.Equal(OfferOutcome.Accepted, (await scenario.AcceptAsync(0, offer.Token)).Outcome);
        string promoId, code;
        await using (var db = fixture.App.CreateDbContext())
            (promoId, code) = await db.SaveOffers.Where(o => o.Id == offer.Id).Select(o => new ValueTuple<string, string>(o.PromoCodeId!, o.PromoCode!)).SingleAsync(Ct);
        Assert.StartsWith("promo_", promoId);
        Assert.Equal((ConversionState.Pending, 3499L), (await ConversionsAsync(scenario)).Select(c => (c.State, c.RevenueCents)).Single());

        // A renewal without the code confirms the save but applies nothing; the next one with it is where the discount landed.
        fixture.Time.Advance(TimeSpan.FromDays(30));
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_plain", scenario.Whop.ProPlanId, 49.99m);
        Assert.Null((await scenario.DetailAsync(offer.Id)).Offer.DiscountAppliedPaymentId);
        fixture.Time.Advance(TimeSpan.FromDays(30));
        void WithPromo(Dictionary<string, object?> payment)
        {
            if (shape == "object") payment["promo_code"] = new { id = promoId, code };
            else payment["promo_code_id"] = promoId;
        }
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_discounted", scenario.Whop.ProPlanId, 34.99m, shape: WithPromo);
        await PayAsync(scenario, 0, $"pay_{scenario.CompanyId}_again", scenario.Whop.ProPlanId, 34.99m, shape: WithPromo);

        var detail = (await scenario.DetailAsync(offer.Id)).Offer;
        Assert.Equal(($"pay_{scenario.CompanyId}_discounted", fixture.Time.GetUtcNow()), (detail.DiscountAppliedPaymentId, detail.DiscountAppliedAt));
        Assert.Equal((ConversionState.Confirmed, $"pay_{scenario.CompanyId}_plain"),
            (await ConversionsAsync(scenario)).Where(c => c.SaveOfferId == offer.Id).Select(c => (c.State, c.ConfirmedByPaymentId)).Single());
    }

    [Fact]
    public async Task TwoOffersAcceptedAtTheSameInstantCannotBothPassTheCooldown()
    {
        for (var round = 0; round < 6; round++)
        {
            var scenario = await OfferScenario.CreateAsync(fixture, members: 1);
            var first = await scenario.OfferAsync(0, new OfferTerms(OfferKind.FreeDays, Days: 3));
            var second = await scenario.OfferAsync(0, new OfferTerms(OfferKind.Pause, Days: 10));

            var results = await Task.WhenAll(Task.Run(() => scenario.AcceptAsync(0, first.Token), Ct), Task.Run(() => scenario.AcceptAsync(0, second.Token), Ct));

            Assert.Equal([OfferOutcome.Accepted, OfferOutcome.Cooldown], results.Select(r => r.Outcome).Order());
            Assert.Single(scenario.Writes(0));
        }
    }
}
