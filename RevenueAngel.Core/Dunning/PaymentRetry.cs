namespace RevenueAngel.Core.Dunning;

/// One retry of a failed payment that we asked Whop for (`POST /payments/{id}/retry`), besides Whop's own retries.
public sealed class PaymentRetry
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public required string PaymentId { get; init; }
    public long PlaybookId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    /// Whop accepted the retry (its outcome arrives as a payment webhook).
    public bool Accepted { get; init; }
    /// Whop's answer: the payment's status after the call, or its error.
    public required string Result { get; init; }
}
