namespace RevenueAngel.Web.Access;

/// REST endpoints take the same `x-whop-user-token` as pages plus a `companyId` query parameter, and need an
/// admin of that company: 401 without a valid token, 403 without access.
public static class CompanyAdminFilter
{
    public static RouteHandlerBuilder RequireCompanyAdmin(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var companyId = http.Request.Query["companyId"].ToString();
            if (companyId.Length == 0)
                return TypedResults.Problem("The companyId query parameter is required.", statusCode: StatusCodes.Status400BadRequest);

            await http.RequestServices.GetRequiredService<RequestAuthenticator>().AuthenticateAsync(http);
            return await http.RequestServices.GetRequiredService<CompanyAccess>().ForCompanyAsync(companyId, http.RequestAborted) switch
            {
                AccessDecision.Allowed => await next(context),
                AccessDecision.SignInRequired => TypedResults.Problem("Send the Whop user token in x-whop-user-token.", statusCode: StatusCodes.Status401Unauthorized),
                _ => TypedResults.Problem("You are not an admin of this company.", statusCode: StatusCodes.Status403Forbidden),
            };
        });
}
