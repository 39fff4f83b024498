namespace RevenueAngel.Core.Analytics;

/// Everything the revenue and analytics pages show for one company and window.
public sealed record AnalyticsOverview(
    string Currency,
    AnalyticsWindow Window,
    PeriodFigures Current,
    PeriodFigures Previous,
    IReadOnlyList<DailyPoint> Daily,
    IReadOnlyList<PlaybookPerformance> Playbooks)
{
    public Change RecoveredRevenue => new(Current.RecoveredRevenueCents, Previous.RecoveredRevenueCents);
    public Change InfluencedRevenue => new(Current.InfluencedRevenueCents, Previous.InfluencedRevenueCents);
    public Change AttributedConversions => new(Current.AttributedConversions, Previous.AttributedConversions);
    public Change Sends => new(Current.Sends, Previous.Sends);
    public Change ClickThroughRate => new(Current.ClickThroughRate ?? 0, Previous.ClickThroughRate ?? 0);
    public Change ConversionRate => new(Current.ConversionRate ?? 0, Previous.ConversionRate ?? 0);
    public Change ActiveEnrollments => new(Current.ActiveEnrollments, Previous.ActiveEnrollments);

    /// Failed payments, recoveries (ours / Whop's), saves by state and win-backs of the window.
    public ChurnSaveReport? ChurnSave { get; init; }
}
