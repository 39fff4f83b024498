namespace RevenueAngel.Core.Analytics;

/// Revenue (as NetConversion counts it: pending and lost saves keep none) and sends per UTC day, from the period's
/// hourly conversions and sends the caller has already read (ConversionCounts, SentCounts).
internal static class DailySeries
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static IReadOnlyList<DailyPoint> Assemble(IReadOnlyList<ConversionSlice> conversions, string currency, IReadOnlyList<SentSlice> sends,
        AnalyticsWindow window, IReadOnlyDictionary<long, PlaybookHeader> playbooks)
    {
        var revenueByDay = conversions.Where(c => c.Currency == currency && c.NetCents != 0).ToLookup(c => DayNumber(c.Hour));
        var sendsByDay = sends.GroupBy(s => DayNumber(s.Hour)).ToDictionary(g => g.Key, g => g.Sum(s => s.Sent));
        var first = DayNumber(window.From);
        var last = DayNumber(window.To.AddTicks(-1));
        return [.. Enumerable.Range(0, (int)(last - first + 1)).Select(offset =>
        {
            var day = first + offset;
            var modules = Enum.GetValues<RevenueModule>().ToDictionary(m => m, _ => 0L);
            foreach (var slice in revenueByDay[day])
                modules[slice.PlaybookId is { } id && playbooks.TryGetValue(id, out var p) ? p.Module : RevenueModule.Unattributed] += slice.NetCents;
            return new DailyPoint(DateOnly.FromDayNumber((int)(day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)),
                modules, sendsByDay.GetValueOrDefault(day));
        })];
    }

    private static long DayNumber(DateTimeOffset at) => (at.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerDay;
}
