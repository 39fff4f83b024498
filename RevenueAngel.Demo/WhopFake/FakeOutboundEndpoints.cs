using System.Text.Json;

namespace RevenueAngel.Demo.WhopFake;

/// What RevenueAngel asks Whop to create or deliver; the fake records each delivery.
internal static class FakeOutboundEndpoints
{
    public static void MapFakeOutbound(this RouteGroupBuilder api)
    {
        api.MapPost("/notifications", async (HttpRequest request, FakeWhopStore store) =>
        {
            var (body, json) = await ReadAsync(request);
            var companyId = Text(json, "company_id") ?? store.Experiences.GetValueOrDefault(Text(json, "experience_id") ?? "")?.CompanyId;
            if ((Text(json, "company_id") is null) == (Text(json, "experience_id") is null))
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "Exactly one of company_id or experience_id is required"), statusCode: 422);
            if (Text(json, "title") is null || Text(json, "content") is null)
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "title and content are required"), statusCode: 422);
            if (FakeWhopEndpoints.CompanyGate(store, companyId) is { } denied) return denied;
            return await DeliverAsync(store, request, "notification", companyId!, body, new { success = true });
        });
        api.MapPost("/support_channels", async (HttpRequest request, FakeWhopStore store) =>
        {
            var (body, json) = await ReadAsync(request);
            var companyId = Text(json, "company_id");
            var userId = Text(json, "user_id");
            if (FakeWhopEndpoints.CompanyGate(store, companyId) is { } denied) return denied;
            var channelId = $"chan_{companyId}_{userId}";
            store.Channels[channelId] = companyId!;
            return await DeliverAsync(store, request, "support_channel", companyId!, body, new
            {
                id = channelId, company_id = companyId, customer_user = new { id = userId },
                last_message_at = (string?)null, resolved_at = (string?)null,
            });
        });
        api.MapPost("/messages", async (HttpRequest request, FakeWhopStore store) =>
        {
            var (body, json) = await ReadAsync(request);
            if (!store.Channels.TryGetValue(Text(json, "channel_id") ?? "", out var companyId)) return FakeWhopEndpoints.NotFound("Channel");
            if (FakeWhopEndpoints.CompanyGate(store, companyId) is { } denied) return denied;
            return await DeliverAsync(store, request, "message", companyId, body, new { id = $"msg_{Guid.NewGuid():N}"[..20], content = Text(json, "content") });
        });
        api.MapPost("/checkout_configurations", async (HttpRequest request, FakeWhopStore store) =>
        {
            var (body, json) = await ReadAsync(request);
            if (!store.Plans.TryGetValue(Text(json, "plan_id") ?? "", out var plan)) return FakeWhopEndpoints.NotFound("Plan");
            if (FakeWhopEndpoints.CompanyGate(store, plan.CompanyId) is { } denied) return denied;
            var id = $"ch_{Guid.NewGuid():N}"[..18];
            return await DeliverAsync(store, request, "checkout_configuration", plan.CompanyId, body, new
            {
                id, company_id = plan.CompanyId, mode = "payment", currency = plan.Currency,
                plan = FakeWhopJson.Plan(store, plan), metadata = json.RootElement.TryGetProperty("metadata", out var m) ? m.Clone() : default(JsonElement?),
                redirect_url = Text(json, "redirect_url"), purchase_url = $"https://whop.com/checkout/{plan.Id}?session={id}",
            });
        });
        api.MapPost("/promo_codes", async (HttpRequest request, FakeWhopStore store) =>
        {
            var (body, json) = await ReadAsync(request);
            var companyId = Text(json, "company_id");
            if (FakeWhopEndpoints.CompanyGate(store, companyId) is { } denied) return denied;
            return await DeliverAsync(store, request, "promo_code", companyId!, body, new { id = $"promo_{Guid.NewGuid():N}"[..20], code = Text(json, "code") });
        });
    }

    private static async Task<IResult> DeliverAsync(FakeWhopStore store, HttpRequest request, string kind, string companyId, string body, object answer)
    {
        store.Deliveries.Enqueue(new FakeDelivery(kind, companyId, body, request.Headers["Idempotency-Key"].FirstOrDefault()));
        await store.AnswerLaterAsync();
        return Results.Json(answer);
    }

    private static async Task<(string Body, JsonDocument Json)> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return (body, JsonDocument.Parse(body.Length == 0 ? "{}" : body));
    }

    private static string? Text(JsonDocument json, string name) =>
        json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
