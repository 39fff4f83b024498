using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

internal static class OfferViews
{
    /// The offer with this token hash, if it is the Whop user's and belongs to the experience's company.
    public static IQueryable<SaveOffer> Owned(RevenueAngelDbContext db, string experienceId, string hash, string whopUserId) =>
        db.SaveOffers.AsNoTracking()
            .Where(o => o.TokenHash == hash)
            .Where(o => db.Companies.Any(c => c.Id == o.CompanyId && c.WhopExperienceId == experienceId))
            .Where(o => db.Members.Any(m => m.Id == o.MemberId && m.CompanyId == o.CompanyId && m.WhopUserId == whopUserId));

    public static IQueryable<OfferView> ForMember(RevenueAngelDbContext db, string experienceId, string hash, string whopUserId, DateTimeOffset now) =>
        Owned(db, experienceId, hash, whopUserId).Select(o => new OfferView(
            o.Id,
            db.Companies.Where(c => c.Id == o.CompanyId).Select(c => c.Name).First(),
            o.Kind,
            // An offer past its date reads as expired before anything marks it so.
            o.Status == OfferStatus.Offered && o.ExpiresAt <= now ? OfferStatus.Expired : o.Status,
            db.Sends.Where(s => s.Id == o.SendId).Select(s => s.Title).FirstOrDefault(),
            db.Sends.Where(s => s.Id == o.SendId).Select(s => s.Body).FirstOrDefault(),
            o.PauseDays, o.FreeDays, o.DiscountPercent,
            db.Plans.Where(p => p.Id == o.DowngradePlanId).Select(p => p.Title).FirstOrDefault(),
            o.ExpiresAt, o.AcceptedAt, o.ResumeAt, o.PromoCode, o.CheckoutUrl, o.Uncanceled));
}
