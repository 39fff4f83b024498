namespace RevenueAngel.Core.Offers;

/// An offer as its member sees it: the step's message in the creator's words, the terms and where it stands.
public sealed record OfferView(
    long Id,
    string CompanyName,
    OfferKind Kind,
    OfferStatus Status,
    string? Title,
    string? Body,
    int? PauseDays,
    int? FreeDays,
    int? DiscountPercent,
    string? DowngradePlanTitle,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResumeAt,
    string? PromoCode,
    string? CheckoutUrl,
    bool Uncanceled);
