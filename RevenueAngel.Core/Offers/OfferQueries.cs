using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// Offers as a company's admins see them, with the Whop calls each one made.
public sealed class OfferQueries(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public const int ListLimit = 500;

    public async Task<IReadOnlyList<OfferSummary>> ListAsync(string companyId, OfferStatus? status = null, OfferKind? kind = null,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var offers = db.SaveOffers.AsNoTracking().Where(o => o.CompanyId == companyId);
        if (status is { } s) offers = offers.Where(o => o.Status == s);
        if (kind is { } k) offers = offers.Where(o => o.Kind == k);
        return await offers.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(ListLimit)
            .Select(o => Summary(o)).ToListAsync(ct);
    }

    public async Task<OfferDetail?> GetAsync(string companyId, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var offer = await db.SaveOffers.AsNoTracking().Where(o => o.CompanyId == companyId && o.Id == id).Select(o => Summary(o)).FirstOrDefaultAsync(ct);
        if (offer is null) return null;
        var calls = await db.OfferCalls.AsNoTracking().Where(c => c.OfferId == id).OrderBy(c => c.Id)
            .Select(c => new OfferCallView(c.Operation, c.TargetId, c.Succeeded, c.StatusCode, c.Error, c.At)).ToListAsync(ct);
        return new OfferDetail(offer, calls);
    }

    private static OfferSummary Summary(SaveOffer o) => new(o.Id, o.MemberId, o.MembershipId, o.PlaybookId, o.StepId, o.EnrollmentId, o.SendId,
        o.Kind, o.Status, o.PauseDays, o.FreeDays, o.DiscountPercent, o.DowngradePlanId, o.CreatedAt, o.ExpiresAt, o.AcceptedAt,
        o.ResumeAt, o.ResumedAt, o.DeclineReason, o.FailureReason, o.PromoCode, o.CheckoutUrl, o.Uncanceled, o.DiscountAppliedPaymentId, o.DiscountAppliedAt);
}

public sealed record OfferSummary(long Id, long MemberId, string MembershipId, long? PlaybookId, long? StepId, long? EnrollmentId, long? SendId,
    OfferKind Kind, OfferStatus Status, int? PauseDays, int? FreeDays, int? DiscountPercent, string? DowngradePlanId,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ResumeAt, DateTimeOffset? ResumedAt,
    string? DeclineReason, string? FailureReason, string? PromoCode, string? CheckoutUrl, bool Uncanceled,
    string? DiscountAppliedPaymentId = null, DateTimeOffset? DiscountAppliedAt = null);

public sealed record OfferCallView(string Operation, string TargetId, bool Succeeded, int? StatusCode, string? Error, DateTimeOffset At);

public sealed record OfferDetail(OfferSummary Offer, IReadOnlyList<OfferCallView> Calls);
