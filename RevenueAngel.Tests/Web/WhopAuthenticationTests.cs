using System.Net;
using System.Security.Cryptography;
using System.Text;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web;

/// Every page request proves who it is with Whop's user token, and that the user administers the company.
public sealed class WhopAuthenticationTests(WhopAppFixture fixture) : IClassFixture<WhopAppFixture>
{
    private readonly FakeWhopBuilder _company = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();

    private string AdminToken()
    {
        var userId = $"user_admin_{Guid.NewGuid():N}"[..24];
        fixture.Whop.Store.Grant(userId, _company.CompanyId, "admin");
        return fixture.TokenFor(userId);
    }

    private string Dashboard => $"/dashboard/{_company.CompanyId}";

    [Fact]
    public async Task AnAdminWithAValidTokenIsLetIn()
    {
        var response = await fixture.GetAsync(Dashboard, AdminToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("no_access")]
    public async Task AUserWhoIsNotAnAdminIsForbidden(string level)
    {
        var userId = $"user_{level}_{Guid.NewGuid():N}"[..24];
        fixture.Whop.Store.Grant(userId, _company.CompanyId, level);

        var response = await fixture.GetAsync(Dashboard, fixture.TokenFor(userId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don't have access to this company", await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutATokenThePageSaysToOpenTheAppFromWhop()
    {
        var response = await fixture.GetAsync(Dashboard, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Open RevenueAngel from your Whop dashboard", await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnAdminOfOneCompanyCannotOpenAnother()
    {
        var other = new FakeWhopBuilder(fixture.Whop.Store).WithCatalog();

        var response = await fixture.GetAsync($"/dashboard/{other.CompanyId}", AdminToken());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(other.CompanyId, await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong audience", "wrong issuer", "alg none", "HS256 with the public key", "tampered payload", "not a JWT"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnInvalidTokenIsTreatedAsNoToken(string kind)
    {
        var userId = $"user_admin_{Guid.NewGuid():N}"[..24];
        fixture.Whop.Store.Grant(userId, _company.CompanyId, "admin");
        var tokens = fixture.Whop.Store.Tokens;
        var now = fixture.Time.GetUtcNow();
        var valid = tokens.Mint(userId, WhopAppFixture.AppId, now);
        var token = kind switch
        {
            "expired" => tokens.Mint(userId, WhopAppFixture.AppId, now.AddHours(-1), TimeSpan.FromMinutes(10)),
            "wrong audience" => tokens.Mint(userId, "app_someone_else", now),
            "wrong issuer" => tokens.Mint(userId, WhopAppFixture.AppId, now, issuer: "urn:evil"),
            "alg none" => Unsigned(valid),
            "HS256 with the public key" => Hs256WithPublicKey(valid),
            "tampered payload" => Tampered(valid),
            _ => "definitely-not-a-jwt",
        };

        var response = await fixture.GetAsync(Dashboard, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync(Dashboard, valid)).StatusCode);
    }

    [Fact]
    public async Task ATokenFromANewKeyFetchesTheKeysAgainButAtMostEveryThirtySeconds()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync(Dashboard, AdminToken())).StatusCode);
        fixture.Time.Advance(TimeSpan.FromSeconds(31));
        var fetchesBefore = JwksFetches();

        fixture.Whop.Store.Tokens.Rotate();
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync(Dashboard, AdminToken())).StatusCode);
        Assert.Equal(fetchesBefore + 1, JwksFetches());

        fixture.Whop.Store.Tokens.Rotate();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.GetAsync(Dashboard, AdminToken())).StatusCode);
        Assert.Equal(fetchesBefore + 1, JwksFetches());

        fixture.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync(Dashboard, AdminToken())).StatusCode);
    }

    private int JwksFetches() => fixture.Whop.Store.Requests.Count(r => r.PathAndQuery.EndsWith("/jwks.json", StringComparison.Ordinal));

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
    }

    private static string Hs256WithPublicKey(string token)
    {
        var parts = token.Split('.');
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}""");
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = HMACSHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes($"{header}.{parts[1]}"));
        return $"{header}.{parts[1]}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        return $"{parts[0]}.{Base64Url(payload.Replace("user_admin_", "user_evil__"))}.{parts[2]}";
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
}
