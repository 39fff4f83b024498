using System.Globalization;

namespace RevenueAngel.Core.Billing;

/// An amount in minor units (cents) of a lowercase ISO currency.
public readonly record struct Money(long Cents, string Currency)
{
    /// Whop sends decimal major units (49.99); converted without floating point.
    public static Money FromMajorUnits(decimal amount, string currency) =>
        new((long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero), currency.ToLowerInvariant());

    public override string ToString()
    {
        var amount = (Cents / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
        return Currency switch
        {
            "usd" => $"${amount}",
            "eur" => $"€{amount}",
            "gbp" => $"£{amount}",
            _ => $"{amount} {Currency.ToUpperInvariant()}",
        };
    }
}
