using System.Globalization;
using System.Security.Claims;

namespace RevenueAngel.Web.Access;

/// The Whop user a request or circuit acts for, as claims: the `sub` of a verified `x-whop-user-token` and when
/// it was verified (a circuit's identity lasts Whop:CircuitIdentityMinutes from then).
public static class WhopUser
{
    public const string VerifiedAtClaim = "ra_verified_at";

    public static ClaimsPrincipal Create(string userId, DateTimeOffset verifiedAt) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, userId),
        new Claim(VerifiedAtClaim, verifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
    ], WhopUserTokenAuthentication.SchemeName));

    public static string? WhopUserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static DateTimeOffset? VerifiedAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(VerifiedAtClaim), CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
