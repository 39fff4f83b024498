namespace RevenueAngel.Core.Webhooks;

/// What a success's conversion type depends on in one of the member's other payments.
public sealed record PaymentFact(string Id, string CompanyId, long MemberId, string? PlanId, DateTimeOffset? PaidAt, DateTimeOffset? FailedAt,
    long TotalCents);
