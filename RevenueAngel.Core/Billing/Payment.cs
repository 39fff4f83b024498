namespace RevenueAngel.Core.Billing;

/// Every Whop payment (`pay_…`), renewals included, so revenue and MRR come from our own data.
public sealed class Payment
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public string? MembershipId { get; set; }
    public long? MemberId { get; set; }
    public string? PlanId { get; set; }
    public required string Status { get; set; }
    public string? Substatus { get; set; }
    public string? BillingReason { get; set; }
    public long TotalCents { get; set; }
    public string Currency { get; set; } = "usd";
    public string? FailureMessage { get; set; }
    /// The processor's decline code, from API versions that send one.
    public string? DeclineCode { get; set; }
    /// Set when the payment failed: what kind of failure it was (DeclineReasons).
    public DeclineReason? DeclineReason { get; set; }
    /// Whether Whop would accept a retry (open, on a live membership).
    public bool Retryable { get; set; }
    /// Failed attempts so far, Whop's own retries included.
    public int PaymentsFailed { get; set; }
    public string? CardLast4 { get; set; }
    public DateTimeOffset? NextPaymentAttempt { get; set; }
    /// Time of the latest failed attempt; stays set after a recovery so recoveries can be counted.
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
