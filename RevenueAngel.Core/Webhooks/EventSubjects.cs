using System.Text.Json;

namespace RevenueAngel.Core.Webhooks;

/// Whom a stored event is about, read from its payload before any handler runs: the company, the Whop user and,
/// for a payment event, the payment. Nulls when the payload does not say (the handler reports a broken one).
internal sealed record EventSubjects(string? CompanyId, string? WhopUserId, string? PaymentId)
{
    private static readonly EventSubjects None = new(null, null, null);

    /// "company/user", the key one member's events are applied in order under.
    public string? MemberKey => CompanyId is not null && WhopUserId is not null ? $"{CompanyId}/{WhopUserId}" : null;

    public static EventSubjects Of(WebhookEvent row)
    {
        try
        {
            using var json = JsonDocument.Parse(row.Payload);
            if (!json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return None;
            var userId = data.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
                && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var paymentId = row.EventType.StartsWith("payment.", StringComparison.Ordinal)
                && data.TryGetProperty("id", out var payment) && payment.ValueKind == JsonValueKind.String ? payment.GetString() : null;
            return new EventSubjects(row.CompanyId ?? WebhookHandlers.CompanyIdOf(data), userId, paymentId);
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
