using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Tests.Web.Security;

public sealed class RateLimitPartitionTests
{
    [Fact]
    public void TheAuthenticatedUserIsThePartitionWhateverTokenOrAddressTheRequestCarries()
    {
        var first = Request("203.0.113.1", "token-one", userId: "user_alice");
        var second = Request("203.0.113.2", "token-two", userId: "user_alice");

        Assert.Equal("user:user_alice", RateLimitPartitions.User(first));
        Assert.Equal(RateLimitPartitions.User(first), RateLimitPartitions.User(second));
    }

    [Fact]
    public void WithoutAnAuthenticatedUserTheTokensHashStandsInAndWithoutATokenTheAddress()
    {
        var withToken = RateLimitPartitions.User(Request("203.0.113.1", "a-user-token"));

        Assert.StartsWith("token:", withToken);
        Assert.DoesNotContain("a-user-token", withToken);
        Assert.NotEqual(withToken, RateLimitPartitions.User(Request("203.0.113.1", "another-user-token")));
        Assert.Equal("ip:203.0.113.1", RateLimitPartitions.User(Request("203.0.113.1", token: null)));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:bbbb::2", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7", true)]
    [InlineData("198.51.100.7", "198.51.100.8", false)]
    public void AddressesCountPerIPv4AddressAndPerIPv6Slash64(string one, string other, bool same)
    {
        var a = RateLimitPartitions.Ip(Request(one, token: null));
        var b = RateLimitPartitions.Ip(Request(other, token: null));

        Assert.Equal(same, a == b);
    }

    private static DefaultHttpContext Request(string remoteIp, string? token, string? userId = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
        if (token is not null) context.Request.Headers[RateLimitPartitions.UserTokenHeader] = token;
        if (userId is not null) context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Whop"));
        return context;
    }
}
