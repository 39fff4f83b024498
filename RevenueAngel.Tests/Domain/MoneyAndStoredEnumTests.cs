using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Domain;

public sealed class MoneyAndStoredEnumTests
{
    [Theory]
    [InlineData("49.99", 4999)]
    [InlineData("0.1", 10)]
    [InlineData("1000000.07", 100000007)]
    [InlineData("19.995", 2000)]
    public void MajorUnitsBecomeExactCents(string amount, long cents) =>
        Assert.Equal(new Money(cents, "usd"), Money.FromMajorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "USD"));

    [Fact]
    public void MoneyFormatsWithItsCurrency()
    {
        Assert.Equal("$1,234.50", new Money(123450, "usd").ToString());
        Assert.Equal("12.00 CAD", new Money(1200, "cad").ToString());
    }

    [Fact]
    public void EnumsAreStoredUnderTheNamesOtherToolsRead()
    {
        Assert.Equal("churnsave", StoredEnum<PlaybookType>.ToText(PlaybookType.ChurnSave));
        Assert.Equal("upsell", StoredEnum<PlaybookType>.ToText(PlaybookType.Upsell));
        Assert.Equal("first_purchase", StoredEnum<ConversionType>.ToText(ConversionType.FirstPurchase));
        Assert.Equal("unknown", StoredEnum<SendStatus>.ToText(SendStatus.Unknown));
        Assert.Equal(ConversionType.Recovery, StoredEnum<ConversionType>.Parse("recovery"));
    }

    [Fact]
    public void UnknownStoredTextSaysWhatWasExpected()
    {
        var error = Assert.Throws<FormatException>(() => StoredEnum<SendStatus>.Parse("delivered"));
        Assert.Contains("'delivered' is not a known SendStatus", error.Message);
        Assert.Contains("scheduled", error.Message);
    }
}
