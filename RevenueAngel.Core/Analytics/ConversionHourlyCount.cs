using RevenueAngel.Core.Attribution;

namespace RevenueAngel.Core.Analytics;

/// Conversions recorded in one UTC hour, per type, credited playbook, currency, state and recovery source, with
/// their revenue and what NetConversion keeps of it (confirmed ones, less refunds; the save/recovery overlap is
/// taken out when read, see ConversionCounts). Written only by database triggers on `conversions` (see the
/// ConversionHourlyCounts migration), so every writer keeps it exact in its own transaction.
public sealed class ConversionHourlyCount
{
    public required string CompanyId { get; init; }
    public DateTimeOffset Hour { get; init; }
    public ConversionType Type { get; init; }
    /// 0 for conversions no send is credited with: a key column cannot be null.
    public long PlaybookId { get; init; }
    public required string Currency { get; init; }
    public ConversionState State { get; init; }
    /// The stored RecoverySource, or empty for none.
    public required string RecoveredBy { get; init; }
    public int Conversions { get; init; }
    public long RevenueCents { get; init; }
    public long NetCents { get; init; }
}
