using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RevenueAngel.Core.Whop;

/// Verifies `x-whop-user-token` (reference §1.2): ES256 only, issuer urn:whopcom:exp-proxy, audience = our
/// app id as a single string, a valid lifetime, and a key from Whop's JWKS.
public sealed class WhopUserTokenValidator(WhopJwks jwks, IOptions<WhopOptions> options, TimeProvider time)
{
    public const string Issuer = "urn:whopcom:exp-proxy";
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<WhopUserTokenResult> ValidateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return WhopUserTokenResult.Invalid("no token");
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return WhopUserTokenResult.Invalid("malformed token");
        }
        if (parsed.Alg != SecurityAlgorithms.EcdsaSha256) return WhopUserTokenResult.Invalid($"algorithm {parsed.Alg} is not ES256");
        if (!parsed.TryGetPayloadValue<string>("aud", out _)) return WhopUserTokenResult.Invalid("audience must be a single string");

        var keys = await jwks.KeysForAsync(string.IsNullOrEmpty(parsed.Kid) ? null : parsed.Kid, ct);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.AppId,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
                ValidLifetime(notBefore, expires, parameters.ClockSkew),
        });
        if (!result.IsValid) return WhopUserTokenResult.Invalid(result.Exception?.GetType().Name ?? "invalid token");

        var subject = parsed.Subject;
        return subject is { Length: > 0 } && subject.StartsWith("user_", StringComparison.Ordinal)
            ? new WhopUserTokenResult(true, subject, null)
            : WhopUserTokenResult.Invalid("subject is not a Whop user id");
    }

    // Through TimeProvider, so tests can move the clock.
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + skew && (notBefore is not { } nbf || now >= nbf - skew);
    }
}

public sealed record WhopUserTokenResult(bool IsValid, string? UserId, string? Error)
{
    public static WhopUserTokenResult Invalid(string error) => new(false, null, error);
}
