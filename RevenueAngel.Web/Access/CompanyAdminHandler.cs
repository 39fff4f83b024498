using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Memory;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// The CompanyAdmin requirement for the company of the resource: the route's `{companyId}` or the `companyId`
/// query parameter of an HTTP request, or a <see cref="CompanyResource"/> inside a circuit. On success the
/// verified scope goes where the caller reads it (the request's features, or the resource), and an admin's first
/// request installs the company (Whop sends no install event).
public sealed class CompanyAdminHandler(
    CompanyAccessCheck access, CompanyInstaller installer, DemoMode demoMode, CircuitGrants grants, IMemoryCache cache)
    : AuthorizationHandler<CompanyAdminRequirement>
{
    private static readonly TimeSpan RememberInstalled = TimeSpan.FromMinutes(10);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CompanyAdminRequirement requirement)
    {
        var (companyId, http, resource) = context.Resource switch
        {
            CompanyResource r => (r.CompanyId, null, r),
            HttpContext h => (CompanyIdOf(h), h, null),
            _ => ((string?)null, (HttpContext?)null, (CompanyResource?)null),
        };
        if (string.IsNullOrEmpty(companyId))
        {
            context.Fail(new AccessFailure(this, null));
            return;
        }

        var ct = http?.RequestAborted ?? CancellationToken.None;
        var result = await access.AdminAsync(context.User.WhopUserId(), companyId, ct);
        if (result.Scope is { } scope && http is not null) result = await InstallAsync(scope, ct) ?? result;
        if (resource is not null) resource.Result = result;

        if (result.Scope is { } allowed)
        {
            grants.Grant(isExperience: false, allowed.Id);
            http?.Features.Set(new AuthorizedCompany(allowed));
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AccessFailure(this, result.Decision));
        }
    }

    private static string? CompanyIdOf(HttpContext http) =>
        http.GetRouteValue("companyId") as string ?? http.Request.Query["companyId"].FirstOrDefault();

    /// Null when the company is (now) installed; a denial when Whop refused or did not answer.
    private async Task<CompanyAccessResult?> InstallAsync(CompanyScope scope, CancellationToken ct)
    {
        if (demoMode.IsDemoCompany(scope.Id) || cache.TryGetValue((nameof(CompanyAdminHandler), scope.Id), out _)) return null;
        try
        {
            await installer.EnsureInstalledAsync(scope.Id, ct);
        }
        catch (WhopApiException e) when (e.IsAccessRevoked)
        {
            return CompanyAccessResult.Denied(AccessDecision.NotInstalled);
        }
        catch (Exception e) when (CompanyAccessCheck.IsWhopUnavailable(e, ct))
        {
            return CompanyAccessResult.Denied(AccessDecision.WhopUnavailable);
        }
        cache.Set((nameof(CompanyAdminHandler), scope.Id), true, RememberInstalled);
        return null;
    }
}
