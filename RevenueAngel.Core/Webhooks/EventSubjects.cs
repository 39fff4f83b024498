using System.Text.Json;

namespace RevenueAngel.Core.Webhooks;

/// Whom a stored event is about, read from its payload before any handler runs: the company, the Whop user, the
/// plan, the membership and, for a payment event, the payment. A value that is absent, of another type or unstorable is null: this
/// runs before the per-event failure boundary, so it never throws (the handler reports a broken payload).
internal sealed record EventSubjects(string? CompanyId, string? WhopUserId, string? PaymentId, string? PlanId = null, bool MovesMoney = false,
    string? AdjustedPaymentId = null, string? MembershipId = null)
{
    private static readonly EventSubjects None = new(null, null, null);

    /// "company/user", the key one member's events are applied in order under.
    public string? MemberKey => CompanyId is not null && WhopUserId is not null ? $"{CompanyId}/{WhopUserId}" : null;

    public static EventSubjects Of(WebhookEvent row)
    {
        try
        {
            using var json = JsonDocument.Parse(row.Payload);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object) return None;
            var movesMoney = row.EventType.StartsWith("refund.", StringComparison.Ordinal) || row.EventType.StartsWith("dispute.", StringComparison.Ordinal);
            var paymentId = row.EventType.StartsWith("payment.", StringComparison.Ordinal) ? WebhookPayload.Text(data, "id") : null;
            // A waitlist entry's plan is not stored with it: no need to fetch it from Whop before the batch.
            var planId = row.EventType.StartsWith("entry.", StringComparison.Ordinal) ? null : WebhookPayload.RefId(data, "plan");
            var membershipId = row.EventType.StartsWith("membership.", StringComparison.Ordinal) ? WebhookPayload.Text(data, "id")
                : paymentId is not null ? WebhookPayload.RefId(data, "membership") : null;
            return new EventSubjects(Usable(row.CompanyId ?? WebhookHandlers.CompanyIdOf(data)), Usable(WebhookPayload.RefId(data, "user")),
                Usable(paymentId), Usable(planId), movesMoney, movesMoney ? Usable(WebhookPayload.RefId(data, "payment") ?? WebhookPayload.Text(data, "payment_id")) : null,
                Usable(membershipId));
        }
        catch (Exception)
        {
            return None;
        }
    }

    private static string? Usable(string? id) => StoredText.IsUsableId(id) ? id : null;
}
