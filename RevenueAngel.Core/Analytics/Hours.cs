namespace RevenueAngel.Core.Analytics;

/// UTC hour boundaries, the granularity of the counts the database keeps.
internal static class Hours
{
    public static DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset at) =>
        at.UtcTicks % TimeSpan.TicksPerHour == 0 ? at.ToUniversalTime() : Floor(at).AddHours(1);
}
