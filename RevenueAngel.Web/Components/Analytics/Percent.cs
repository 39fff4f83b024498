using System.Globalization;

namespace RevenueAngel.Web.Components.Analytics;

/// "42.9%": the invariant culture's "P" format puts a space before the sign.
public static class Percent
{
    public static string Of(double? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) + "%" : "–";
}
