namespace RevenueAngel.Demo.WhopFake;

internal static class FakeCatalogEndpoints
{
    public static void MapFakeCatalog(this RouteGroupBuilder api)
    {
        api.MapGet("/users/{userId}/access/{resourceId}", async (string userId, string resourceId, FakeWhopStore store) =>
        {
            if (store.AccessCheckDelay > TimeSpan.Zero) await Task.Delay(store.AccessCheckDelay);
            if (store.AccessCheckStatus is { } status)
                return Results.Json(new { error = new { type = "server_error", message = "The fake Whop is down." } }, statusCode: status);
            var level = store.AccessLevel(userId, resourceId);
            return Results.Json(new { has_access = level != "no_access", access_level = level });
        });
        api.MapGet("/users/{userId}", (string userId, FakeWhopStore store) =>
            store.Users.TryGetValue(userId, out var u)
                ? Results.Json(new { id = u.Id, username = u.Username, name = u.Name, bio = (string?)null, profile_picture = (object?)null, created_at = "2025-01-01T00:00:00.000Z" })
                : FakeWhopEndpoints.NotFound("User"));
        api.MapGet("/companies/{companyId}", (string companyId, FakeWhopStore store) =>
            FakeWhopEndpoints.CompanyGate(store, companyId)
            ?? Results.Json(new { id = companyId, title = store.Companies[companyId].Title, route = companyId.Replace("biz_", ""), created_at = "2025-01-01T00:00:00.000Z" }));
        api.MapGet("/plans", (HttpRequest request, FakeWhopStore store, string? company_id) =>
        {
            var productIds = FakeWhopEndpoints.Array(request, "product_ids");
            return FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Plans.Values.Where(p => p.CompanyId == company_id && (productIds.Count == 0 || productIds.Contains(p.ProductId))).OrderBy(p => p.Id),
                p => FakeWhopJson.Plan(store, p));
        });
        api.MapGet("/plans/{planId}", (string planId, FakeWhopStore store) =>
            !store.Plans.TryGetValue(planId, out var plan)
                ? FakeWhopEndpoints.NotFound("Plan")
                : FakeWhopEndpoints.CompanyGate(store, plan.CompanyId) ?? Results.Json(FakeWhopJson.Plan(store, plan)));
        api.MapGet("/products", (HttpRequest request, FakeWhopStore store, string? company_id) =>
            FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Products.Values.Where(p => p.CompanyId == company_id).OrderBy(p => p.Id), FakeWhopJson.Product));
        // The v1 path of this list is unconfirmed (reference §2.7): the fake serves it where the tests configure the client to look.
        api.MapGet("/waitlist_entries", (HttpRequest request, FakeWhopStore store, string? company_id) =>
            FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Entries.Values.Where(e => e.CompanyId == company_id).OrderBy(e => e.Id), e => FakeWhopJson.Entry(store, e)));
        api.MapGet("/experiences", (HttpRequest request, FakeWhopStore store, string? company_id, string? app_id) =>
            FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Experiences.Values.Where(e => e.CompanyId == company_id && (app_id is null || e.AppId == app_id)).OrderBy(e => e.Id),
                FakeWhopJson.Experience));
    }
}
