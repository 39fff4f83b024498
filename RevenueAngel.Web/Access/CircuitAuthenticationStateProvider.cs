using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// The circuit's Whop user. The WebSocket that carries a circuit has no `x-whop-user-token` (reference §1.4), so
/// the user verified on the page request is restored from the page's protected state (<c>CircuitIdentity</c>) and
/// kept even when the framework later offers the connection's anonymous user (a reconnect). Every
/// Whop:AccessCacheSeconds it is revalidated: past Whop:CircuitIdentityMinutes the identity ends, and a company or
/// experience whose access Whop withdrew ends it too; then every guard re-checks and shows why.
public sealed partial class CircuitAuthenticationStateProvider(
    ILoggerFactory loggers, CircuitGrants grants, CompanyAccessCheck access, IOptions<WhopOptions> options, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggers), IHostEnvironmentAuthenticationStateProvider
{
    private readonly ILogger _logger = loggers.CreateLogger<CircuitAuthenticationStateProvider>();
    private volatile bool _restored;

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);

    /// Whether an identity verified at that time may still be used now.
    public bool IsCurrent(DateTimeOffset verifiedAt) =>
        time.GetUtcNow() - verifiedAt < TimeSpan.FromMinutes(options.Value.CircuitIdentityMinutes);

    public void Restore(string userId, DateTimeOffset verifiedAt)
    {
        _restored = true;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(WhopUser.Create(userId, verifiedAt))));
    }

    void IHostEnvironmentAuthenticationStateProvider.SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        if (!_restored) SetAuthenticationState(authenticationStateTask);
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.WhopUserId() is not { } userId) return true;
        if (state.User.VerifiedAt() is not { } verifiedAt || !IsCurrent(verifiedAt))
        {
            LogExpired();
            return false;
        }
        foreach (var (isExperience, id) in grants.Granted)
        {
            var decision = isExperience
                ? await access.ExperienceAsync(userId, id, ct)
                : (await access.AdminAsync(userId, id, ct)).Decision;
            // Whop not answering is no reason to end a creator's session; the next round asks again.
            if (decision is AccessDecision.Allowed or AccessDecision.WhopUnavailable) continue;
            grants.Revoke(isExperience, id);
            LogRevoked(id);
            return false;
        }
        return true;
    }

    [LoggerMessage(LogLevel.Information, "A circuit's Whop identity expired")]
    private partial void LogExpired();

    [LoggerMessage(LogLevel.Information, "Whop withdrew a circuit's access to {ResourceId}")]
    private partial void LogRevoked(string resourceId);
}
