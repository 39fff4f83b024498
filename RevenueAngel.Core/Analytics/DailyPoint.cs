namespace RevenueAngel.Core.Analytics;

/// One UTC day: net revenue per module (company currency) and messages sent.
public sealed record DailyPoint(DateOnly Day, IReadOnlyDictionary<RevenueModule, long> RevenueCents, int Sends);
