using System.Globalization;
using RevenueAngel.Core.Analytics;

namespace RevenueAngel.Web.Endpoints;

/// The window an analytics request asks for: `days` (7, 30 or 90, counted back from now) or `from` and `to`
/// (ISO dates, UTC days, both included).
public static class AnalyticsPeriod
{
    public const int DefaultDays = 30;

    public static (AnalyticsWindow? Window, string? Problem) Resolve(int? days, string? from, string? to, DateTimeOffset now)
    {
        if (from is null && to is null)
        {
            var span = days ?? DefaultDays;
            return DashboardQueries.Periods.Contains(span)
                ? (AnalyticsWindow.LastDays(span, now), null)
                : (null, $"days must be one of {string.Join(", ", DashboardQueries.Periods)}.");
        }
        if (days is not null) return (null, "Give either days or from and to, not both.");
        if (!TryDate(from, out var start) || !TryDate(to, out var end))
            return (null, "from and to must both be dates as yyyy-MM-dd.");
        if (end < start) return (null, "to must not be before from.");
        if (end.DayNumber - start.DayNumber + 1 > AnalyticsWindow.MaxDays)
            return (null, $"A range covers at most {AnalyticsWindow.MaxDays} days.");
        return (AnalyticsWindow.Dates(start, end), null);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
