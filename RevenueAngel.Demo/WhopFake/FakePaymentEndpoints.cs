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
            var (createdAfter, createdBefore) = (Time(request, "created_after"), Time(request, "created_before"));
            var (updatedAfter, updatedBefore) = store.PaymentsFilterByUpdatedAt
                ? (Time(request, "updated_after"), Time(request, "updated_before")) : (null, null);
            return FakeWhopEndpoints.CompanyGate(store, company_id) ?? FakeWhopEndpoints.Page(request,
                Ordered(request, store.Payments.Values
                    .Where(p => p.CompanyId == company_id && (statuses.Count == 0 || statuses.Contains(p.Status))
                                && (substatuses.Count == 0 || substatuses.Contains(p.Substatus))
                                && (planIds.Count == 0 || planIds.Contains(p.PlanId))
                                && (createdAfter is null || p.CreatedAt > createdAfter) && (createdBefore is null || p.CreatedAt < createdBefore)
                                && (updatedAfter is null || p.UpdatedAt > updatedAfter) && (updatedBefore is null || p.UpdatedAt < updatedBefore))),
                p => FakeWhopJson.Payment(store, p));
        });
        // Whop's SDKs list a payment's refunds with a required `payment_id` (cursor pages like every list).
        api.MapGet("/refunds", (HttpRequest request, FakeWhopStore store, string? payment_id) =>
        {
            if (string.IsNullOrEmpty(payment_id))
                return Results.Json(FakeWhopJson.Error("invalid_request_error", "payment_id is required"), statusCode: 400);
            if (Find(store, payment_id, out _) is { } problem) return problem;
            return FakeWhopEndpoints.Page(request, store.Refunds.Values.Where(r => r.PaymentId == payment_id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
                FakeWhopJson.Refund);
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
            var refund = store.RefundPayment(payment, partial ?? payment.Total);
            var json = FakeWhopJson.Payment(store, payment);
            await webhooks.SendAsync("refund.created", payment.CompanyId, new
            {
                id = refund.Id, status = refund.Status, amount = refund.Amount, currency = refund.Currency, payment = json, created_at = refund.CreatedAt,
            });
            return Results.Json(json);
        });
    }

    /// `order` created_at (the default) | paid_at | final_amount, `direction` asc (the default here) | desc.
    private static IEnumerable<FakePayment> Ordered(HttpRequest request, IEnumerable<FakePayment> payments)
    {
        Func<FakePayment, IComparable> key = request.Query["order"].ToString() switch
        {
            "paid_at" => p => p.PaidAt ?? DateTimeOffset.MaxValue,
            "final_amount" => p => p.Total,
            _ => p => p.CreatedAt,
        };
        return request.Query["direction"] == "desc"
            ? payments.OrderByDescending(key).ThenByDescending(p => p.Id)
            : payments.OrderBy(key).ThenBy(p => p.Id);
    }

    private static DateTimeOffset? Time(HttpRequest request, string name) =>
        DateTimeOffset.TryParse(request.Query[name], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    private static IResult? Find(FakeWhopStore store, string id, out FakePayment? payment) =>
        !store.Payments.TryGetValue(id, out payment) ? FakeWhopEndpoints.NotFound("Payment") : FakeWhopEndpoints.CompanyGate(store, payment.CompanyId);
}
