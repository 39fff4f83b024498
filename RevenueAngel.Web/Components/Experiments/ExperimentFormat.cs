using System.Globalization;
using RevenueAngel.Core.Experiments;

namespace RevenueAngel.Web.Components.Experiments;

/// How experiment numbers read on screen: rates as percentages, lifts in percentage points, money from cents.
public static class ExperimentFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Rate(double rate) => (rate * 100).ToString("0.0", Culture) + "%";

    public static string RateInterval(Interval interval) =>
        $"{(interval.Low * 100).ToString("0.0", Culture)}–{(interval.High * 100).ToString("0.0", Culture)}%";

    public static string Points(double difference) => Signed(difference * 100, "0.0") + " pts";

    public static string PointsInterval(Interval interval) => $"{Signed(interval.Low * 100, "0.0")} to {Signed(interval.High * 100, "0.0")} pts";

    public static string Money(double cents)
    {
        var dollars = Math.Round(cents / 100, 2);
        var text = Math.Abs(dollars).ToString(Math.Abs(dollars) >= 100 ? "#,##0" : "#,##0.00", Culture);
        return dollars < 0 ? $"−${text}" : $"${text}";
    }

    public static string MoneyInterval(Interval interval) => $"{Money(interval.Low)} to {Money(interval.High)}";

    private static string Signed(double value, string format)
    {
        var text = Math.Abs(value).ToString(format, Culture);
        return value < 0 && text != Math.Abs(0.0).ToString(format, Culture) ? $"−{text}" : $"+{text}";
    }
}
