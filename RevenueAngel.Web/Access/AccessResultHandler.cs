using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Access;

/// Turns a refused access check into an answer that says why: a small page for people, problem details for the
/// API. 401 without a Whop user, 403 without access or when the app is not installed, 503 when Whop did not
/// answer the check (never a 500), 400 when an API call names no company.
public sealed partial class AccessResultHandler(ILogger<AccessResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await next(context);
            return;
        }
        var failure = result.AuthorizationFailure?.FailureReasons.OfType<AccessFailure>().FirstOrDefault();
        var decision = result.Challenged ? AccessDecision.SignInRequired : failure?.Decision;
        if (decision == AccessDecision.WhopUnavailable) LogWhopUnavailable(context.Request.Path);
        var (status, detail, page) = decision switch
        {
            null => (StatusCodes.Status400BadRequest, "The companyId query parameter is required.", AccessPages.NotAnAdmin),
            AccessDecision.SignInRequired => (StatusCodes.Status401Unauthorized, "Send the Whop user token in x-whop-user-token.", AccessPages.OpenFromWhop),
            AccessDecision.NotInstalled => (StatusCodes.Status403Forbidden, "RevenueAngel is not installed on this company, or a permission was not approved.", AccessPages.NotInstalled),
            AccessDecision.WhopUnavailable => (StatusCodes.Status503ServiceUnavailable, "Whop did not answer the access check; try again shortly.", AccessPages.WhopUnavailable),
            _ => (StatusCodes.Status403Forbidden, "You are not an admin of this company.", AccessPages.NotAnAdmin),
        };
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";

        if (context.Request.Path.StartsWithSegments("/api"))
            await TypedResults.Problem(detail, statusCode: status).ExecuteAsync(context);
        else
            await AccessPages.WriteAsync(context, status, page);
    }

    [LoggerMessage(LogLevel.Warning, "Whop did not answer an access check for {Path}")]
    private partial void LogWhopUnavailable(PathString path);
}
