using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Attribution;

/// The app with a public URL, so calls to action go out as tracked `/r/{token}` links.
public sealed class TrackedLinksAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public const string PublicUrl = "https://ra.example.com";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Messaging:PublicBaseUrl"] = PublicUrl;
        settings["Whop:MaxRetries"] = "0";
    }
}
