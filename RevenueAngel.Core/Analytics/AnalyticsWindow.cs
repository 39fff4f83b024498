namespace RevenueAngel.Core.Analytics;

/// A half-open span of time [From, To) that figures are measured over, compared with the span of equal length
/// just before it.
public sealed record AnalyticsWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// Custom ranges are capped so a daily series stays a chart, not a table dump.
    public const int MaxDays = 366;

    public int Days => (int)Math.Ceiling((To - From).TotalDays);

    /// A method, not a property: a serialised window would otherwise recurse into every earlier one.
    public AnalyticsWindow Previous() => new(From - (To - From), From);

    public static AnalyticsWindow LastDays(int days, DateTimeOffset now) => new(now.AddDays(-days), now);

    /// Whole UTC days, both ends included.
    public static AnalyticsWindow Dates(DateOnly from, DateOnly to) => new(
        new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
