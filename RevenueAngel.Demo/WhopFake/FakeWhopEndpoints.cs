using System.Text;

namespace RevenueAngel.Demo.WhopFake;

/// Whop's v1 REST API as the reference describes it, served from a FakeWhopStore.
public static class FakeWhopEndpoints
{
    public static IEndpointRouteBuilder MapFakeWhop(this IEndpointRouteBuilder app, string prefix = "")
    {
        app.MapGet($"{prefix}/.well-known/jwks.json", (FakeWhopStore store) =>
        {
            store.Requests.Enqueue(new FakeRequest("GET", "/.well-known/jwks.json", new Dictionary<string, string>(), ""));
            return Results.Content(store.Tokens.Jwks(), "application/json");
        });
        var api = app.MapGroup($"{prefix}/api/v1").AddEndpointFilter(RecordFaultAndAuthorize);
        api.MapFakeCatalog();
        api.MapFakeMemberships();
        api.MapFakePayments();
        api.MapFakeOutbound();
        return app;
    }

    private static async ValueTask<object?> RecordFaultAndAuthorize(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<FakeWhopStore>();
        http.Request.EnableBuffering();
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
        http.Request.Body.Position = 0;
        var request = new FakeRequest(http.Request.Method, http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body);
        store.Requests.Enqueue(request);
        store.OnRequest?.Invoke(request);
        if (store.OutageStatus(http.Request.Path) is { } outage)
            return Results.Json(FakeWhopJson.Error("server_error", "Whop is unavailable"), statusCode: outage);

        if (store.TakeFault() is var (status, retryAfter))
        {
            if (retryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return status == StatusCodes.Status429TooManyRequests
                ? Results.Json(new { message = "You are being rate limited" }, statusCode: status)
                : Results.Json(FakeWhopJson.Error("server_error", "Something went wrong on Whop's side"), statusCode: status);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization != $"Bearer {store.ApiKey}")
            return Results.Json(FakeWhopJson.Error("unauthorized", "Invalid or missing API key"), statusCode: StatusCodes.Status401Unauthorized);
        return await next(context);
    }

    /// 403 for an unknown company or one that has not installed the app; null when the call may go on.
    internal static IResult? CompanyGate(FakeWhopStore store, string? companyId) =>
        string.IsNullOrEmpty(companyId)
            ? Results.Json(FakeWhopJson.Error("invalid_request_error", "company_id is required when using an app API key"), statusCode: 400)
            : store.Companies.TryGetValue(companyId, out var company) && company.Installed
                ? null
                : Results.Json(FakeWhopJson.Error("forbidden", $"The app is not installed on {companyId}"), statusCode: 403);

    internal static IResult NotFound(string what) =>
        Results.Json(FakeWhopJson.Error("not_found", $"{what} not found"), statusCode: 404);

    /// Cursor pages: `first` (page size) and `after` (the previous page's end cursor).
    internal static IResult Page<T>(HttpRequest request, IEnumerable<T> items, Func<T, object> shape)
    {
        var size = int.TryParse(request.Query["first"], out var first) ? Math.Clamp(first, 1, 100) : 25;
        var start = request.Query["after"].ToString() is { Length: > 0 } after ? DecodeCursor(after) : 0;
        var all = items.ToList();
        var page = all.Skip(start).Take(size).ToList();
        var end = start + page.Count;
        return Results.Json(new
        {
            data = page.Select(shape),
            page_info = new
            {
                end_cursor = page.Count == 0 ? null : EncodeCursor(end),
                start_cursor = page.Count == 0 ? null : EncodeCursor(start),
                has_next_page = end < all.Count,
                has_previous_page = start > 0,
            },
        });
    }

    internal static IReadOnlyList<string> Array(HttpRequest request, string name) =>
        request.Query[$"{name}[]"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    private static string EncodeCursor(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"idx:{index}"));

    private static int DecodeCursor(string cursor) =>
        int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor))["idx:".Length..], System.Globalization.CultureInfo.InvariantCulture);
}
