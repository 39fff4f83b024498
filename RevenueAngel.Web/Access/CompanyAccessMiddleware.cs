namespace RevenueAngel.Web.Access;

/// Stops a page request for a company the user may not see before any component renders.
internal sealed class CompanyAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CompanyAccess access)
    {
        var companyId = CompanyRoute.CompanyIdOf(context.Request.Path);
        if (companyId is null || access.CanView(companyId))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(OpenFromWhopPage);
    }

    private const string OpenFromWhopPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>RevenueAngel</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937">
        <h1 style="font-size:1.4rem">Open RevenueAngel from your Whop dashboard</h1>
        <p>This page belongs to a Whop company. Open it from Dashboard → Apps → RevenueAngel in Whop,
        signed in as an admin of that company.</p></body></html>
        """;
}
