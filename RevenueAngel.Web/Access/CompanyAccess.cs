using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// Whether the session's user may see a company (admin of it) or an experience (any access to it), asked of
/// Whop and remembered for Whop:AccessCacheSeconds. In demo mode the demo company is open to everyone.
public sealed class CompanyAccess(WhopSession session, DemoMode demoMode, WhopClient whop, IMemoryCache cache, IOptions<WhopOptions> options)
{
    public Task<AccessDecision> ForCompanyAsync(string companyId, CancellationToken ct = default) =>
        demoMode.IsDemoCompany(companyId)
            ? Task.FromResult(AccessDecision.Allowed)
            : DecideAsync(companyId, access => access.IsAdmin, ct);

    public Task<AccessDecision> ForExperienceAsync(string experienceId, CancellationToken ct = default) =>
        DecideAsync(experienceId, access => access.HasAccess, ct);

    private async Task<AccessDecision> DecideAsync(string resourceId, Func<WhopAccess, bool> allowed, CancellationToken ct)
    {
        if (session.UserId is not { } userId) return AccessDecision.SignInRequired;
        var access = await cache.GetOrCreateAsync((nameof(CompanyAccess), userId, resourceId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);
            return whop.CheckAccessAsync(userId, resourceId, ct);
        });
        return access is not null && allowed(access) ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }
}
