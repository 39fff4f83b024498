using System.Globalization;
using System.Text.Json;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Companies;

/// A payment from Whop's list, read only as far as the reconcile needs: which webhook its state stands for, when it
/// last changed, and how much of it Whop says is refunded. Null when it has no usable id or status (the handler would
/// refuse it anyway).
internal sealed record ListedPayment(string Id, string Status, string EventType, DateTimeOffset UpdatedAt, long RefundedCents, JsonElement Json)
{
    private static readonly HashSet<string> Unsettled = ["open", "uncollectible", "unresolved"];
    private static readonly HashSet<string> FailedSubstatuses = ["failed", "past_due"];

    public static ListedPayment? Read(JsonElement json)
    {
        try
        {
            var id = WebhookPayload.Text(json, "id");
            var status = WebhookPayload.Text(json, "status");
            var updatedAt = Time(json, "updated_at") ?? Time(json, "created_at");
            if (!StoredText.IsUsableId(id) || !StoredText.IsUsableId(status, 32) || updatedAt is null) return null;
            return new ListedPayment(id!, status!, EventTypeOf(json, status!), updatedAt.Value, RefundedCentsOf(json), json);
        }
        catch (WebhookPayloadException)
        {
            return null;
        }
    }

    /// The webhook Whop raises on reaching this state: paid → payment.succeeded; pending → payment.pending; open (or
    /// unpaid for good) after a failed attempt → payment.failed; anything else → payment.created (mirrored only).
    private static string EventTypeOf(JsonElement json, string status)
    {
        if (status == "paid") return "payment.succeeded";
        if (status == "pending") return "payment.pending";
        var failed = Number(json, "payments_failed") > 0 || WebhookPayload.Text(json, "failure_message") is { Length: > 0 }
                     || FailedSubstatuses.Contains(WebhookPayload.Text(json, "substatus") ?? "");
        return Unsettled.Contains(status) && failed ? "payment.failed" : "payment.created";
    }

    /// `refunded_amount` in cents; a refunded substatus without an amount counts as "some, unknown" (the refunds are listed).
    private static long RefundedCentsOf(JsonElement json)
    {
        var currency = WebhookPayload.Text(json, "currency") is { Length: 3 } c ? c : "usd";
        if (Number(json, "refunded_amount") is { } amount and > 0 && amount < 1_000_000_000_000m) return Money.FromMajorUnits(amount, currency).Cents;
        return (WebhookPayload.Text(json, "substatus") ?? "").Contains("refunded", StringComparison.Ordinal) ? long.MaxValue : 0;
    }

    internal static decimal? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;

    internal static DateTimeOffset? Time(JsonElement json, string name) =>
        WebhookPayload.Text(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime() : null;
}
