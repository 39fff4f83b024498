namespace RevenueAngel.Demo.WhopFake;

// The fake's own records of Whop objects. They are written out in the JSON shapes of the reference
// (§2.4, §2.5, §3.4) by FakeWhopJson, independently of the client's types, so a misreading on either side shows.

public sealed class FakeCompany(string id, string title)
{
    public string Id { get; } = id;
    public string Title { get; set; } = title;
    /// False: every call for this company answers 403, as Whop does for a company that has not installed the app.
    public bool Installed { get; set; } = true;
}

public sealed record FakeUser(string Id, string Username, string Name, string? Email = null);

public sealed record FakePlan(string Id, string CompanyId, string ProductId, string Title, decimal RenewalPrice,
    int BillingPeriodDays, decimal InitialPrice = 0, string Currency = "usd", string PlanType = "renewal");

/// A waitlist entry (reference §2.7); `status` drafted | pending | approved | denied.
public sealed record FakeEntry(string Id, string CompanyId, string UserId, string PlanId, string ProductId, string Status, DateTimeOffset CreatedAt);

public sealed record FakeProduct(string Id, string CompanyId, string Title, string Route);

public sealed record FakeExperience(string Id, string CompanyId, string AppId, string Name, string ProductId);

public sealed class FakeMembership
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public required string UserId { get; init; }
    public required string MemberId { get; init; }
    public required string PlanId { get; set; }
    public required string ProductId { get; set; }
    public string Status { get; set; } = "active";
    public bool CancelAtPeriodEnd { get; set; }
    public string? CancelOption { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset RenewalPeriodStart { get; set; }
    public DateTimeOffset RenewalPeriodEnd { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool Paused { get; set; }
}

public sealed class FakePayment
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public required string MembershipId { get; init; }
    public required string UserId { get; init; }
    public required string PlanId { get; init; }
    public string Status { get; set; } = "paid";
    public string Substatus { get; set; } = "succeeded";
    public string BillingReason { get; init; } = "subscription_cycle";
    public decimal Total { get; init; }
    public string Currency { get; init; } = "usd";
    public decimal? RefundedAmount { get; set; }
    public string? FailureMessage { get; set; }
    public int PaymentsFailed { get; set; }
    public DateTimeOffset? LastPaymentAttempt { get; set; }
    public DateTimeOffset? NextPaymentAttempt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CheckoutConfigurationId { get; init; }
    public Dictionary<string, string> Metadata { get; init; } = [];
}

/// A refund of a payment (`rf_…`); `status` pending | requires_action | succeeded | failed | canceled; amount in major units.
public sealed class FakeRefund
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required decimal Amount { get; init; }
    public string Currency { get; init; } = "usd";
    public string Status { get; set; } = "succeeded";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// A call the fake received, for tests to check what the client sent.
public sealed record FakeRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// Something the fake was asked to deliver (notification, message, checkout, promo code).
public sealed record FakeDelivery(string Kind, string CompanyId, string Body, string? IdempotencyKey);
