using RevenueAngel.Core.Attribution;

namespace RevenueAngel.Core.Analytics;

public sealed record RecentConversion(long Id, string MemberName, ConversionType Type, long NetRevenueCents, string Currency,
    string? PlaybookName, int? StepPosition, AttributionMethod Method, DateTimeOffset At,
    ConversionState State = ConversionState.Confirmed);
