using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Demo;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// Verifies Whop's `x-whop-user-token` on every page request and checks the user's access to the company or
/// experience in the URL before any component renders: 401 without a valid token, 403 without access.
internal sealed partial class WhopAuthenticationMiddleware(RequestDelegate next, ILogger<WhopAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestAuthenticator authenticator, CompanyAccess access,
        CompanyInstaller installer, DemoMode demoMode)
    {
        if (AccessRoute.Of(context.Request.Path) is not { } route)
        {
            await next(context);
            return;
        }

        await authenticator.AuthenticateAsync(context);

        AccessDecision decision;
        try
        {
            decision = route.IsExperience
                ? await access.ForExperienceAsync(route.ResourceId, context.RequestAborted)
                : await access.ForCompanyAsync(route.ResourceId, context.RequestAborted);
            // Whop has no install event: an admin's first visit installs the company.
            if (decision == AccessDecision.Allowed && !route.IsExperience && !demoMode.IsDemoCompany(route.ResourceId))
                await installer.EnsureInstalledAsync(route.ResourceId, context.RequestAborted);
        }
        catch (WhopApiException e) when (e.IsAccessRevoked)
        {
            await AccessPages.WriteAsync(context, StatusCodes.Status403Forbidden, AccessPages.NotInstalled);
            return;
        }
        catch (Exception e) when (e is WhopApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            LogWhopUnavailable(e.Message);
            await AccessPages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AccessPages.WhopUnavailable);
            return;
        }

        switch (decision)
        {
            case AccessDecision.Allowed:
                await next(context);
                break;
            case AccessDecision.SignInRequired:
                await AccessPages.WriteAsync(context, StatusCodes.Status401Unauthorized, AccessPages.OpenFromWhop);
                break;
            default:
                await AccessPages.WriteAsync(context, StatusCodes.Status403Forbidden, AccessPages.NotAnAdmin);
                break;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Whop did not answer an access check or install: {Reason}")]
    private partial void LogWhopUnavailable(string reason);
}
