using System.ComponentModel.DataAnnotations;
using System.Net;

namespace RevenueAngel.Web.Security;

/// Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, besides loopback (always trusted):
/// `ForwardedHeaders:KnownProxies` (addresses) and `ForwardedHeaders:KnownNetworks` (CIDR ranges), each a
/// comma-separated list or an array (env ForwardedHeaders__KnownProxies="10.0.0.5,10.0.0.6" or …__KnownProxies__0).
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    public void Read(IConfigurationSection section)
    {
        KnownProxies = Entries(section.GetSection(nameof(KnownProxies)));
        KnownNetworks = Entries(section.GetSection(nameof(KnownNetworks)));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
    [
        .. KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => new ValidationResult(
            $"{SectionName}:{nameof(KnownProxies)} entry '{p}' is not an IP address such as 10.0.0.5.", [nameof(KnownProxies)])),
        .. KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)).Select(n => new ValidationResult(
            $"{SectionName}:{nameof(KnownNetworks)} entry '{n}' is not a network such as 10.0.0.0/8.", [nameof(KnownNetworks)])),
    ];

    // A scalar, an array, or an array of comma-separated lists.
    private static List<string> Entries(IConfigurationSection section) =>
        [.. new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
