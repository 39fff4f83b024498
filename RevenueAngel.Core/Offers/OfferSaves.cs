using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// An accepted offer is a save: pending until the money arrives, as every save is. It is valued at the renewal the
/// member keeps paying (a downgrade at the cheaper plan's, a discount at the discounted price), credited to the send
/// that carried the offer.
public static class OfferSaves
{
    public static string ConversionIdOf(long offerId) => "offer:" + offerId.ToString(CultureInfo.InvariantCulture);

    /// Adds the save to <paramref name="db"/> (saved with the offer's completion) unless the membership already has
    /// its pending save: the uncancel webhook may have recorded one first, which then becomes this offer's.
    public static async Task RecordAsync(RevenueAngelDbContext db, SaveOffer offer, DateTimeOffset at, CancellationToken ct)
    {
        // A downgrade's save lives on the new membership its checkout makes, so it is found by the offer, not by the old membership.
        var membershipId = offer.Kind == OfferKind.Downgrade ? null : offer.MembershipId;
        if (membershipId is not null)
        {
            var linked = await db.Conversions
                .Where(c => c.CompanyId == offer.CompanyId && c.WhopMembershipId == membershipId && c.Type == ConversionType.Save
                            && c.State == ConversionState.Pending && c.SaveOfferId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.SaveOfferId, offer.Id), ct);
            if (linked > 0) return;
        }

        var planId = offer.DowngradePlanId
            ?? await db.Memberships.Where(m => m.Id == offer.MembershipId).Select(m => m.PlanId).SingleOrDefaultAsync(ct);
        var plan = planId is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct);
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == offer.CompanyId)
            .Select(c => new { c.Currency, c.AttributionWindowDays }).SingleAsync(ct);
        long? stepId = offer.SendId is null ? null : offer.StepId;
        var renewal = plan?.RenewalPriceCents ?? 0;
        // A discount keeps the member at the discounted price for the renewal it applies to.
        var kept = offer.DiscountPercent is { } percent ? renewal * (100 - percent) / 100 : renewal;
        db.Conversions.Add(new Conversion
        {
            CompanyId = offer.CompanyId, MemberId = offer.MemberId, WhopPaymentId = ConversionIdOf(offer.Id), Type = ConversionType.Save,
            RevenueCents = kept, Currency = plan?.Currency ?? company.Currency, CreatedAt = at,
            AttributedSendId = offer.SendId, AttributedPlaybookId = offer.SendId is null ? null : offer.PlaybookId, AttributedStepId = stepId,
            AttributionMethod = offer.SendId is null ? AttributionMethod.None : AttributionMethod.Exact,
            AttributionWindowDays = company.AttributionWindowDays,
            WhopMembershipId = membershipId, State = ConversionState.Pending, SaveOfferId = offer.Id,
        });
    }

    /// A downgrade's checkout paid: its save is confirmed by that payment.
    public static Task<int> ConfirmDowngradeAsync(RevenueAngelDbContext db, string companyId, long offerId, string paymentId, DateTimeOffset paidAt,
        CancellationToken ct) =>
        db.Conversions.Where(c => c.CompanyId == companyId && c.SaveOfferId == offerId && c.State == ConversionState.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.State, ConversionState.Confirmed)
                .SetProperty(c => c.SettledAt, paidAt)
                .SetProperty(c => c.ConfirmedByPaymentId, paymentId), ct);

    /// A renewal carried a discount offer's promo code (Whop names it on the payment as `promo_code` or, in newer
    /// versions, `promo_code_id`): the offer records that its discount was applied, once.
    public static Task<int> RecordDiscountAppliedAsync(RevenueAngelDbContext db, string companyId, string promoCode, string paymentId,
        DateTimeOffset at, CancellationToken ct) =>
        db.SaveOffers.Where(o => o.CompanyId == companyId && o.Kind == OfferKind.Discount && o.DiscountAppliedPaymentId == null
                                 && (o.PromoCodeId == promoCode || o.PromoCode == promoCode))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.DiscountAppliedPaymentId, paymentId).SetProperty(o => o.DiscountAppliedAt, at), ct);
}
