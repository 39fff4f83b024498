using Microsoft.Extensions.Configuration;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Tests.Web.Security;

public sealed class TrustedProxyOptionsTests
{
    [Fact]
    public void ProxiesAndNetworksReadAsCommaSeparatedListsArraysOrBoth()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = " 10.0.0.5 ,10.0.0.6,",
            // Some configuration sources give an array's parent an empty value.
            ["ForwardedHeaders:KnownNetworks"] = "",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
            ["ForwardedHeaders:KnownNetworks:1"] = "192.168.0.0/24, fd00::/8",
        }).Build();
        var options = new TrustedProxyOptions();

        options.Read(configuration.GetSection(TrustedProxyOptions.SectionName));

        Assert.Equal(["10.0.0.5", "10.0.0.6"], options.KnownProxies);
        Assert.Equal(["10.1.0.0/16", "192.168.0.0/24", "fd00::/8"], options.KnownNetworks);
        Assert.Empty(options.Validate(new(options)));
    }
}
