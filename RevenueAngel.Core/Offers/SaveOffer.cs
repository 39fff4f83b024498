using System.Security.Cryptography;
using System.Text;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Offers;

/// A save offer made to one member for one membership, from the step send that carried its link. Only the
/// SHA-256 of its token is stored: the link is the member's key, and a database leak must not hand it out.
public sealed class SaveOffer
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public long MemberId { get; init; }
    public required string MembershipId { get; init; }
    public long? PlaybookId { get; init; }
    public long? StepId { get; init; }
    public long? EnrollmentId { get; init; }
    public long? SendId { get; init; }
    public OfferKind Kind { get; init; }
    public int? PauseDays { get; init; }
    public int? FreeDays { get; init; }
    public int? DiscountPercent { get; init; }
    public string? DowngradePlanId { get; init; }
    public required string TokenHash { get; init; }
    public OfferStatus Status { get; private set; } = OfferStatus.Offered;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    /// Set when the accept begins (`accepting`), so the cooldown counts an acceptance still in flight.
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? DeclinedAt { get; private set; }
    /// Pauses only: when our job resumes the membership, unless the member resumed it first.
    public DateTimeOffset? ResumeAt { get; private set; }
    public DateTimeOffset? ResumedAt { get; private set; }
    /// Whop's `cancel_option` the member gave when declining.
    public string? DeclineReason { get; private set; }
    public string? FailureReason { get; private set; }
    public string? PromoCode { get; private set; }
    public string? PromoCodeId { get; private set; }
    /// Discounts only: the renewal payment that carried the offer's promo code.
    public string? DiscountAppliedPaymentId { get; private set; }
    public DateTimeOffset? DiscountAppliedAt { get; private set; }
    public string? CheckoutUrl { get; private set; }
    public bool Uncanceled { get; private set; }

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsExpiredAt(DateTimeOffset now) => Status == OfferStatus.Expired || (Status == OfferStatus.Offered && now >= ExpiresAt);

    public void RecordUncancel() => Uncanceled = true;

    public void Complete(DateTimeOffset at, WhopPromoCode? promoCode = null, string? checkoutUrl = null)
    {
        Require(OfferStatus.Accepting, OfferStatus.Accepted);
        Status = OfferStatus.Accepted;
        (PromoCode, PromoCodeId, CheckoutUrl) = (promoCode?.Code, promoCode?.Id, checkoutUrl);
        if (Kind == OfferKind.Pause) ResumeAt = at.AddDays(PauseDays ?? 0);
    }

    public void Fail(string reason)
    {
        Require(OfferStatus.Accepting, OfferStatus.Failed);
        Status = OfferStatus.Failed;
        FailureReason = reason.Length > 1000 ? reason[..1000] : reason;
    }

    public void MarkResumed(DateTimeOffset at)
    {
        if (Kind != OfferKind.Pause || Status != OfferStatus.Accepted || ResumedAt is not null)
            throw new InvalidOperationException($"Offer {Id} ({Kind}, {Status}) has no pause to resume.");
        ResumedAt = at;
    }

    private void Require(OfferStatus from, OfferStatus to)
    {
        if (Status != from) throw new InvalidOperationException($"Offer {Id} is {Status} and cannot become {to}.");
    }
}
