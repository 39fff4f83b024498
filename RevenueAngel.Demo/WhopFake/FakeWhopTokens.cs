using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RevenueAngel.Demo.WhopFake;

/// Whop's iframe proxy as far as tokens go: ES256 keys, their JWKS, and `x-whop-user-token` values.
public sealed class FakeWhopTokens : IDisposable
{
    public const string Issuer = "urn:whopcom:exp-proxy";
    private readonly List<ECDsaSecurityKey> _keys = [];

    public FakeWhopTokens() => Rotate();

    private ECDsaSecurityKey Current => _keys[^1];

    public string KeyId => Current.KeyId;

    /// Signs new tokens with a new key, published in the JWKS beside the old ones.
    public void Rotate()
    {
        lock (_keys) _keys.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = $"fake-{Guid.NewGuid():N}"[..17] });
    }

    public string Jwks()
    {
        lock (_keys)
        {
            return System.Text.Json.JsonSerializer.Serialize(new
            {
                keys = _keys.Select(JsonWebKeyConverter.ConvertFromECDsaSecurityKey)
                    .Select(jwk => new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" }),
            });
        }
    }

    /// A token as Whop's proxy mints it: ES256, iss urn:whopcom:exp-proxy, sub = user, aud = app.
    public string Mint(string userId, string appId, DateTimeOffset now, TimeSpan? lifetime = null, string? issuer = null)
    {
        var issuedAt = now.UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = appId,
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddSeconds(-5),
            Expires = issuedAt + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(Current, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public void Dispose()
    {
        lock (_keys) foreach (var key in _keys) key.ECDsa.Dispose();
    }
}
