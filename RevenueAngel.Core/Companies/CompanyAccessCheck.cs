using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// Whether a verified Whop user administers a company, or has access to an experience, asked of Whop and
/// remembered for Whop:AccessCacheSeconds (a revoked admin loses access within about that long). A check Whop
/// could not answer is remembered for Whop:AccessFailureCacheSeconds, so a Whop outage is not multiplied by
/// every page and request. In demo mode the demo company is open to everyone.
public sealed class CompanyAccessCheck(DemoMode demoMode, WhopClient whop, IMemoryCache cache, IOptions<WhopOptions> options)
{
    public async Task<CompanyAccessResult> AdminAsync(string? userId, string companyId, CancellationToken ct = default)
    {
        if (demoMode.IsDemoCompany(companyId)) return new CompanyAccessResult(AccessDecision.Allowed, new CompanyScope(companyId));
        var decision = await DecideAsync(userId, companyId, access => access.IsAdmin, ct);
        return decision == AccessDecision.Allowed
            ? new CompanyAccessResult(decision, new CompanyScope(companyId))
            : CompanyAccessResult.Denied(decision);
    }

    public Task<AccessDecision> ExperienceAsync(string? userId, string experienceId, CancellationToken ct = default) =>
        DecideAsync(userId, experienceId, access => access.HasAccess, ct);

    private async Task<AccessDecision> DecideAsync(string? userId, string resourceId, Func<WhopAccess, bool> allowed, CancellationToken ct)
    {
        if (userId is null) return AccessDecision.SignInRequired;
        var key = (nameof(CompanyAccessCheck), userId, resourceId);
        if (cache.TryGetValue(key, out AccessAnswer? remembered) && remembered is not null) return remembered.Decide(allowed);

        AccessAnswer answer;
        TimeSpan keep;
        try
        {
            answer = new AccessAnswer(await whop.CheckAccessAsync(userId, resourceId, ct), null);
            keep = TimeSpan.FromSeconds(options.Value.AccessCacheSeconds);
        }
        catch (WhopApiException e) when (e.IsAccessRevoked)
        {
            answer = new AccessAnswer(null, AccessDecision.NotInstalled);
            keep = TimeSpan.FromSeconds(options.Value.AccessFailureCacheSeconds);
        }
        catch (Exception e) when (IsWhopUnavailable(e, ct))
        {
            answer = new AccessAnswer(null, AccessDecision.WhopUnavailable);
            keep = TimeSpan.FromSeconds(options.Value.AccessFailureCacheSeconds);
        }
        cache.Set(key, answer, keep);
        return answer.Decide(allowed);
    }

    public static bool IsWhopUnavailable(Exception e, CancellationToken ct) =>
        e is WhopApiException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private sealed record AccessAnswer(WhopAccess? Access, AccessDecision? Failure)
    {
        public AccessDecision Decide(Func<WhopAccess, bool> allowed) =>
            Failure ?? (Access is not null && allowed(Access) ? AccessDecision.Allowed : AccessDecision.Forbidden);
    }
}
