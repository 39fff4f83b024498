using System.Globalization;
using RevenueAngel.Core.Analytics;

namespace RevenueAngel.Web.Components.Analytics;

/// The period picked on the Analytics page: the last N days, or whole UTC dates from–to.
public sealed record PeriodChoice(int? Days, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly PeriodChoice Default = new(30);

    public AnalyticsWindow Window(DateTimeOffset now) =>
        From is { } from && To is { } to ? AnalyticsWindow.Dates(from, to) : AnalyticsWindow.LastDays(Days ?? 30, now);

    /// The same period as the REST API's query string.
    public string Query => From is { } from && To is { } to
        ? $"from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
        : $"days={Days ?? 30}";

    public string PreviousLabel => Days is { } days ? $"{days} days" : "period";
}
