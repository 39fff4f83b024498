using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Tests.Messaging;

public sealed class SafeLinksTests
{
    [Theory]
    [InlineData("https://whop.com/checkout/plan_1", true)]
    [InlineData("http://example.com", true)]
    [InlineData("/r/abc123", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JavaScript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("", false)]
    public void OnlyWebAddressesAndPathsOnThisSiteAreSafeHrefs(string url, bool safe) => Assert.Equal(safe, SafeLinks.IsSafeHref(url));

    [Theory]
    [InlineData("/r/abc123")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("whop.com/checkout")]
    public void AMessageLinkMustBeAnAbsoluteWebAddress(string url) => Assert.False(SafeLinks.IsWebAddress(url));
}
