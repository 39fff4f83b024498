using RevenueAngel.Core.Billing;

namespace RevenueAngel.Core.Whop;

// Shapes of Whop's v1 API (reference §2.4, §2.5, §3). Status-like fields stay strings so values Whop adds
// later are kept, not crashed on. Money fields are decimal major units; *Money properties give exact cents.

public sealed record WhopPage<T>(IReadOnlyList<T> Data, WhopPageInfo? PageInfo);

public sealed record WhopPageInfo(string? EndCursor, string? StartCursor, bool HasNextPage, bool HasPreviousPage);

public sealed record WhopRef(string Id, string? Title = null, string? Route = null);

public sealed record WhopUserRef(string Id, string? Username = null, string? Name = null, string? Email = null);

public sealed record WhopAccess(bool HasAccess, string AccessLevel)
{
    public bool IsAdmin => HasAccess && AccessLevel == "admin";
}

public sealed record WhopCompany(string Id, string? Title, string? Route);

public sealed record WhopUser(string Id, string? Username, string? Name, DateTimeOffset? CreatedAt);

public sealed record WhopMembership(
    string Id,
    string Status,
    bool CancelAtPeriodEnd,
    string? CancelOption,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? RenewalPeriodStart,
    DateTimeOffset? RenewalPeriodEnd,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? JoinedAt,
    string? Currency,
    WhopRef? Company,
    WhopUserRef? User,
    WhopRef? Member,
    WhopRef? Plan,
    WhopRef? Product,
    string? ManageUrl)
{
    /// True while paused (`pause`), until `resume`.
    public bool PaymentCollectionPaused { get; init; }
}

public sealed record WhopPayment(
    string Id,
    string Status,
    string? Substatus,
    string? BillingReason,
    string? Currency,
    decimal? Subtotal,
    decimal? Total,
    decimal? UsdTotal,
    decimal? RefundedAmount,
    string? FailureMessage,
    int? PaymentsFailed,
    DateTimeOffset? LastPaymentAttempt,
    DateTimeOffset? NextPaymentAttempt,
    bool Retryable,
    string? CardLast4,
    DateTimeOffset? PaidAt,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    WhopRef? Company,
    WhopUserRef? User,
    WhopRef? Member,
    WhopRef? Membership,
    WhopRef? Plan,
    WhopRef? Product,
    string? CheckoutConfigurationId,
    IReadOnlyDictionary<string, string>? Metadata,
    string? DeclineCode = null)
{
    public Money? TotalMoney => Total is { } total ? Money.FromMajorUnits(total, Currency ?? "usd") : null;
}

public sealed record WhopPlan(
    string Id,
    string? Title,
    string? PlanType,
    decimal? RenewalPrice,
    decimal? InitialPrice,
    int? BillingPeriod,
    string? Currency,
    string? Visibility,
    WhopRef? Product,
    WhopRef? Company,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt)
{
    public Money RenewalPriceMoney => Money.FromMajorUnits(RenewalPrice ?? 0, Currency ?? "usd");
    public Money InitialPriceMoney => Money.FromMajorUnits(InitialPrice ?? 0, Currency ?? "usd");
}

public sealed record WhopProduct(string Id, string? Title, string? Route, string? Visibility);

public sealed record WhopExperience(string Id, string? Name, WhopRef? App, IReadOnlyList<WhopRef>? Products);

public sealed record WhopCheckoutConfiguration(string Id, string? CompanyId, string? PurchaseUrl, WhopPlan? Plan,
    IReadOnlyDictionary<string, string>? Metadata);

public sealed record WhopPromoCode(string Id, string Code);

public sealed record WhopSupportChannel(string Id, string? CompanyId, WhopUserRef? CustomerUser);

public sealed record WhopMessage(string Id, string? Content);

/// A waitlist entry (reference §2.7): someone asked to join a plan released by waitlist.
public sealed record WhopEntry(string Id, string? Status, DateTimeOffset? CreatedAt, WhopRef? Plan, WhopRef? Product, WhopUserRef? User);
