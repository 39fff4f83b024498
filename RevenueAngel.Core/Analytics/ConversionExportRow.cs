using RevenueAngel.Core.Attribution;

namespace RevenueAngel.Core.Analytics;

public sealed record ConversionExportRow(long Id, DateTimeOffset CreatedAt, string WhopPaymentId, string? MemberWhopUserId, string? MemberName,
    ConversionType Type, long RevenueCents, long AdjustmentCents, long NetRevenueCents, string Currency, AttributionMethod AttributionMethod,
    int AttributionWindowDays, long? AttributedSendId, string? Playbook, int? StepPosition, ConversionState State, RecoverySource? RecoveredBy);
