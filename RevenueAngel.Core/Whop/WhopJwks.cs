using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace RevenueAngel.Core.Whop;

/// Whop's signing keys for user tokens: cached for 12 hours, fetched again on an unknown `kid` at most
/// every 30 seconds (reference §1.2), with the pre-JWKS fixed key as a fallback.
public sealed class WhopJwks(IHttpClientFactory clients, IOptions<WhopOptions> options, TimeProvider time)
{
    public const string HttpClientName = "whop-jwks";
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(12);
    private static readonly TimeSpan RefetchAtMostEvery = TimeSpan.FromSeconds(30);

    /// The key Whop's old SDK verified tokens with before the JWKS existed.
    private static readonly JsonWebKey LegacyKey = new(
        """{"kty":"EC","crv":"P-256","x":"rz8a8vxvexHC0TLT91g7llOdDOsNuYiGEfic4Qhni-E","y":"zH0QblKYToexd5PEIMGXPVJS9AB5smKrW4S_TbiXrOs"}""");

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// Candidate keys for a token: the one with its `kid`, or all of them when it has none.
    public async Task<IReadOnlyList<SecurityKey>> KeysForAsync(string? keyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - _fetchedAt > CacheFor;
        var unknown = keyId is not null && _keys.All(k => k.KeyId != keyId) && now - _fetchedAt > RefetchAtMostEvery;
        if (stale || unknown) await RefreshAsync(ct);

        var matching = keyId is null ? _keys : _keys.Where(k => k.KeyId == keyId).ToList();
        return options.Value.AcceptLegacyUserTokenKey ? [.. matching, LegacyKey] : matching;
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _fetch.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            if (now - _fetchedAt <= RefetchAtMostEvery) return;
            _fetchedAt = now;
            var json = await clients.CreateClient(HttpClientName).GetStringAsync(options.Value.JwksUrl, ct);
            _keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
        }
        finally
        {
            _fetch.Release();
        }
    }
}
