using System.Text.Json;

namespace RevenueAngel.Demo.WhopFake;

internal static class FakeMembershipEndpoints
{
    public static void MapFakeMemberships(this RouteGroupBuilder api)
    {
        api.MapGet("/memberships", (HttpRequest request, FakeWhopStore store, string? company_id) =>
        {
            var statuses = FakeWhopEndpoints.Array(request, "statuses");
            var planIds = FakeWhopEndpoints.Array(request, "plan_ids");
            var userIds = FakeWhopEndpoints.Array(request, "user_ids");
            return FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Memberships.Values
                    .Where(m => m.CompanyId == company_id && (statuses.Count == 0 || statuses.Contains(m.Status))
                                && (planIds.Count == 0 || planIds.Contains(m.PlanId)) && (userIds.Count == 0 || userIds.Contains(m.UserId)))
                    .OrderBy(m => m.Id),
                m => FakeWhopJson.Membership(store, m));
        });
        api.MapGet("/memberships/{id}", (string id, FakeWhopStore store) => With(store, id, _ => { }));
        api.MapPost("/memberships/{id}/cancel", async (string id, HttpRequest request, FakeWhopStore store, FakeWebhookSender webhooks) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var immediate = body.RootElement.TryGetProperty("cancellation_mode", out var mode) && mode.GetString() == "immediate";
            return await WithAndNotify(store, webhooks, id, m =>
            {
                if (immediate) (m.Status, m.CanceledAt) = ("canceled", store.Time.GetUtcNow());
                else (m.CancelAtPeriodEnd, m.Status) = (true, "canceling");
            }, immediate ? "membership.deactivated" : "membership.cancel_at_period_end_changed");
        });
        api.MapPost("/memberships/{id}/uncancel", (string id, FakeWhopStore store, FakeWebhookSender webhooks) =>
            WithAndNotify(store, webhooks, id, m => (m.CancelAtPeriodEnd, m.Status) = (false, "active"), "membership.cancel_at_period_end_changed"));
        api.MapPost("/memberships/{id}/pause", (string id, FakeWhopStore store) => With(store, id, m => m.Paused = true));
        api.MapPost("/memberships/{id}/resume", (string id, FakeWhopStore store) => With(store, id, m => m.Paused = false));
        api.MapPost("/memberships/{id}/add_free_days", async (string id, HttpRequest request, FakeWhopStore store) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            if (!body.RootElement.TryGetProperty("free_days", out var days) || !days.TryGetInt32(out var count) || count < 1)
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "free_days must be a positive integer"), statusCode: 422);
            return With(store, id, m => m.RenewalPeriodEnd = m.RenewalPeriodEnd.AddDays(count));
        });
    }

    private static IResult With(FakeWhopStore store, string id, Action<FakeMembership> change)
    {
        if (!store.Memberships.TryGetValue(id, out var membership)) return FakeWhopEndpoints.NotFound("Membership");
        if (FakeWhopEndpoints.CompanyGate(store, membership.CompanyId) is { } denied) return denied;
        lock (membership)
        {
            change(membership);
            membership.UpdatedAt = store.Time.GetUtcNow();
        }
        return Results.Json(FakeWhopJson.Membership(store, membership));
    }

    private static async Task<IResult> WithAndNotify(FakeWhopStore store, FakeWebhookSender webhooks, string id,
        Action<FakeMembership> change, string eventType)
    {
        var result = With(store, id, change);
        if (store.Memberships.TryGetValue(id, out var membership) && result is IStatusCodeHttpResult { StatusCode: null or 200 })
            await webhooks.SendAsync(eventType, membership.CompanyId, FakeWhopJson.Membership(store, membership));
        return result;
    }
}
