using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Offers;

/// Carries out an accepted offer through Whop and records every call it made. Called only by the request that
/// moved the offer to `accepting`, so each call is made once.
public sealed class OfferExecutor(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    WhopClient whop,
    IOptions<OffersOptions> options,
    TimeProvider time)
{
    /// True when the offer is now `accepted`; false when a Whop call failed and it is `failed`.
    public async Task<bool> ExecuteAsync(long offerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var offer = await db.SaveOffers.SingleAsync(o => o.Id == offerId, ct);
        var calls = new OfferCalls(db, offer.Id, time);
        try
        {
            var membership = await calls.RunAsync("get_membership", offer.MembershipId, () => whop.GetMembershipAsync(offer.MembershipId, ct));
            // A downgrade is a new, cheaper membership: the canceling one should still end, or the member pays twice.
            if (membership.CancelAtPeriodEnd && offer.Kind != OfferKind.Downgrade)
            {
                await calls.RunAsync("uncancel", offer.MembershipId, () => whop.UncancelMembershipAsync(offer.MembershipId, ct));
                offer.RecordUncancel();
            }
            switch (offer.Kind)
            {
                case OfferKind.Pause:
                    await calls.RunAsync("pause", offer.MembershipId, () => whop.PauseMembershipAsync(offer.MembershipId, ct: ct));
                    offer.Complete(time.GetUtcNow());
                    break;
                case OfferKind.FreeDays:
                    await calls.RunAsync("add_free_days", offer.MembershipId, () => whop.AddFreeDaysAsync(offer.MembershipId, offer.FreeDays!.Value, ct));
                    offer.Complete(time.GetUtcNow());
                    break;
                case OfferKind.Discount:
                    var promo = await calls.RunAsync("create_promo_code", offer.CompanyId,
                        () => whop.CreatePromoCodeAsync(PromoCode(offer, membership), IdempotencyKey(offer), ct));
                    offer.Complete(time.GetUtcNow(), promoCode: promo);
                    break;
                case OfferKind.Downgrade:
                    var checkout = await calls.RunAsync("create_checkout_configuration", offer.DowngradePlanId!,
                        () => whop.CreateCheckoutConfigurationAsync(Checkout(offer), IdempotencyKey(offer), ct));
                    offer.Complete(time.GetUtcNow(), checkoutUrl: checkout.PurchaseUrl);
                    break;
            }
        }
        catch (OfferCallFailedException e)
        {
            offer.Fail(e.Message);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (offer.Status == OfferStatus.Accepted) await OfferSaves.RecordAsync(db, offer, time.GetUtcNow(), CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return offer.Status == OfferStatus.Accepted;
    }

    private static string IdempotencyKey(SaveOffer offer) => $"ra_offer_{offer.Id}";

    /// One use, by this member's existing membership only, on its plan; good until a little after the next renewal.
    private PromoCodeRequest PromoCode(SaveOffer offer, WhopMembership membership)
    {
        var suffix = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        var renewal = membership.RenewalPeriodEnd is { } end && end > time.GetUtcNow() ? end : time.GetUtcNow();
        return new PromoCodeRequest(
            CompanyId: offer.CompanyId,
            Code: $"KEEP{offer.DiscountPercent}-{suffix}",
            AmountOff: offer.DiscountPercent!.Value,
            PromoType: "percentage",
            BaseCurrency: membership.Currency ?? "usd",
            PromoDurationMonths: 1,
            NewUsersOnly: false,
            ChurnedUsersOnly: false,
            ExistingMembershipsOnly: true,
            OnePerCustomer: true,
            ExpiresAt: renewal.AddDays(options.Value.ValidDays),
            PlanIds: membership.Plan?.Id is { } plan ? [plan] : null);
    }

    private static CheckoutConfigurationRequest Checkout(SaveOffer offer)
    {
        var metadata = new Dictionary<string, string> { [CheckoutMetadata.OfferKey] = offer.Id.ToString(CultureInfo.InvariantCulture) };
        if (offer.SendId is { } send) metadata[CheckoutMetadata.SendKey] = send.ToString(CultureInfo.InvariantCulture);
        if (offer.PlaybookId is { } playbook) metadata[CheckoutMetadata.PlaybookKey] = playbook.ToString(CultureInfo.InvariantCulture);
        return new CheckoutConfigurationRequest(offer.DowngradePlanId!, metadata);
    }
}
