namespace RevenueAngel.Core.Attribution;

/// Revenue a goal brought in: one per Whop payment, attributed last-touch to a send or to none.
public sealed class Conversion
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public long? MemberId { get; init; }
    public required string WhopPaymentId { get; init; }
    public ConversionType Type { get; init; }
    public long RevenueCents { get; init; }
    /// What refunds and lost disputes took back (the sum of the adjustments linked to it, zero or negative). Kept by
    /// the database's triggers on revenue_adjustments, so every writer and every replay leaves it exact; never written here.
    public long AdjustedCents { get; init; }
    public string Currency { get; init; } = "usd";
    public long? AttributedSendId { get; init; }
    /// The credited send's playbook and step, copied when the conversion is recorded.
    public long? AttributedPlaybookId { get; init; }
    public long? AttributedStepId { get; init; }
    /// When the credited send went out, copied from it by the database's triggers (the step funnel reads a window's
    /// credited conversions by it); never written here.
    public DateTimeOffset? AttributedSentAt { get; init; }
    /// How the send was chosen, under the window in force when the conversion was recorded (never recomputed).
    public AttributionMethod AttributionMethod { get; init; }
    public int AttributionWindowDays { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// The membership a save or win-back is about: its next payment confirms a save.
    public string? WhopMembershipId { get; init; }
    /// Pending and lost conversions keep no revenue; changed only by the set-based transitions in SaveConfirmation.
    public ConversionState State { get; init; } = ConversionState.Confirmed;
    /// When a pending save became confirmed or lost.
    public DateTimeOffset? SettledAt { get; init; }
    /// The payment that confirmed a save.
    public string? ConfirmedByPaymentId { get; init; }
    /// For a recovery: our message or Whop's own retry.
    public RecoverySource? RecoveredBy { get; init; }
    /// For a save: the accepted offer that made it, so the report can say which offers keep members.
    public long? SaveOfferId { get; init; }
}
