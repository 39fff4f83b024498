namespace RevenueAngel.Core.Whop;

public sealed record MembershipFilter(
    IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<string>? PlanIds = null,
    IReadOnlyList<string>? ProductIds = null,
    IReadOnlyList<string>? UserIds = null,
    DateTimeOffset? CreatedAfter = null);

public sealed record PaymentFilter(
    IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<string>? Substatuses = null,
    IReadOnlyList<string>? PlanIds = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? UpdatedAfter = null);

public sealed record CheckoutConfigurationRequest(
    string PlanId,
    IReadOnlyDictionary<string, string> Metadata,
    string? RedirectUrl = null,
    bool AllowPromoCodes = true,
    string Mode = "payment");

public sealed record PromoCodeRequest(
    string CompanyId,
    string Code,
    decimal AmountOff,
    string PromoType,
    string BaseCurrency = "usd",
    int? PromoDurationMonths = 1,
    bool NewUsersOnly = false,
    bool? ChurnedUsersOnly = null,
    bool? ExistingMembershipsOnly = null,
    bool? OnePerCustomer = true,
    DateTimeOffset? ExpiresAt = null,
    IReadOnlyList<string>? PlanIds = null);

/// Exactly one of CompanyId (team members) or ExperienceId (members with access to it) is set.
public sealed record NotificationRequest(
    string Title,
    string Content,
    string? ExperienceId = null,
    string? CompanyId = null,
    string? Subtitle = null,
    IReadOnlyList<string>? UserIds = null,
    string? RestPath = null);
