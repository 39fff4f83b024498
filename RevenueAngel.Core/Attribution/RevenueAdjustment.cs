namespace RevenueAngel.Core.Attribution;

/// Money that went back: a refund, or a dispute the creator lost. Negative, one per Whop refund or dispute (its
/// latest state wins), linked to the payment and, when there is one, the conversion it takes revenue from.
public sealed class RevenueAdjustment
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    /// `rfnd_…` / `dspt_…`.
    public required string WhopObjectId { get; init; }
    public AdjustmentKind Kind { get; init; }
    public required string WhopPaymentId { get; init; }
    public long? ConversionId { get; set; }
    /// Zero or negative: a pending, failed or won case subtracts nothing.
    public long AmountCents { get; set; }
    public string Currency { get; set; } = "usd";
    public string? Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum AdjustmentKind { Refund, Dispute }
