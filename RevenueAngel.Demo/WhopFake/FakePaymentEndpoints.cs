using System.Text.Json;

namespace RevenueAngel.Demo.WhopFake;

internal static class FakePaymentEndpoints
{
    public static void MapFakePayments(this RouteGroupBuilder api)
    {
        api.MapGet("/payments", (HttpRequest request, FakeWhopStore store, string? company_id) =>
        {
            var statuses = FakeWhopEndpoints.Array(request, "statuses");
            var substatuses = FakeWhopEndpoints.Array(request, "substatuses");
            var planIds = FakeWhopEndpoints.Array(request, "plan_ids");
            return FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                store.Payments.Values
                    .Where(p => p.CompanyId == company_id && (statuses.Count == 0 || statuses.Contains(p.Status))
                                && (substatuses.Count == 0 || substatuses.Contains(p.Substatus))
                                && (planIds.Count == 0 || planIds.Contains(p.PlanId)))
                    .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
                p => FakeWhopJson.Payment(store, p));
        });
        api.MapGet("/payments/{id}", (string id, FakeWhopStore store) =>
            Find(store, id, out var payment) ?? Results.Json(FakeWhopJson.Payment(store, payment!)));
        api.MapPost("/payments/{id}/retry", async (string id, FakeWhopStore store, FakeWebhookSender webhooks) =>
        {
            if (Find(store, id, out var payment) is { } problem) return problem;
            if (!FakeWhopJson.IsRetryable(store, payment!))
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "This payment is not retryable"), statusCode: 422);
            var now = store.Time.GetUtcNow();
            (payment!.Status, payment.Substatus, payment.PaidAt, payment.UpdatedAt, payment.LastPaymentAttempt) = ("paid", "succeeded", now, now, now);
            payment.NextPaymentAttempt = null;
            if (store.Memberships.TryGetValue(payment.MembershipId, out var membership) && membership.Status == "past_due")
                (membership.Status, membership.UpdatedAt) = ("active", now);
            var json = FakeWhopJson.Payment(store, payment);
            await webhooks.SendAsync("payment.succeeded", payment.CompanyId, json);
            return Results.Json(json);
        });
        api.MapPost("/payments/{id}/refund", async (string id, HttpRequest request, FakeWhopStore store, FakeWebhookSender webhooks) =>
        {
            if (Find(store, id, out var payment) is { } problem) return problem;
            if (payment!.Status != "paid")
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "Only a paid payment can be refunded"), statusCode: 422);
            decimal? partial = null;
            if (request.ContentLength > 0)
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                if (body.RootElement.TryGetProperty("partial_amount", out var amount) && amount.ValueKind == JsonValueKind.Number)
                    partial = amount.GetDecimal();
            }
            var refunded = Math.Min(payment.Total, (payment.RefundedAmount ?? 0) + (partial ?? payment.Total));
            payment.RefundedAmount = refunded;
            payment.Substatus = refunded >= payment.Total ? "refunded" : "partially_refunded";
            payment.UpdatedAt = store.Time.GetUtcNow();
            var json = FakeWhopJson.Payment(store, payment);
            await webhooks.SendAsync("refund.created", payment.CompanyId, new
            {
                id = $"rf_{Guid.NewGuid():N}"[..17], status = "succeeded", amount = partial ?? payment.Total,
                currency = payment.Currency, payment = json, created_at = payment.UpdatedAt,
            });
            return Results.Json(json);
        });
    }

    private static IResult? Find(FakeWhopStore store, string id, out FakePayment? payment) =>
        !store.Payments.TryGetValue(id, out payment) ? FakeWhopEndpoints.NotFound("Payment") : FakeWhopEndpoints.CompanyGate(store, payment.CompanyId);
}
