namespace RevenueAngel.Web.Access;

/// The small pages answered before Blazor renders anything.
internal static class AccessPages
{
    public const string OpenFromWhop = """
        <h1 style="font-size:1.4rem">Open RevenueAngel from your Whop dashboard</h1>
        <p>This page belongs to a Whop company. Open it from Dashboard → Apps → RevenueAngel in Whop,
        signed in as an admin of that company.</p>
        """;

    public const string NotAnAdmin = """
        <h1 style="font-size:1.4rem">You don't have access to this company</h1>
        <p>RevenueAngel is for the company's team. Ask an owner to add you as an admin in Whop, or open
        RevenueAngel from a company you administer.</p>
        """;

    public const string NotInstalled = """
        <h1 style="font-size:1.4rem">Install RevenueAngel on this company first</h1>
        <p>Whop says RevenueAngel is not installed on this company, or a permission it needs was not approved.
        Install it from the Whop App Store (or approve its permissions in Settings → Authorized apps), then open it again.</p>
        """;

    public const string WhopUnavailable = """
        <h1 style="font-size:1.4rem">Whop is not answering right now</h1>
        <p>RevenueAngel could not confirm your access with Whop. Wait a moment and open it again.</p>
        """;

    public static Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>RevenueAngel</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937">
            {body}</body></html>
            """);
    }
}
