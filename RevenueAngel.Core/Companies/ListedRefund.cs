using System.Text.Json;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Companies;

/// A refund from Whop's list of a payment's refunds: its id and when it last changed. Null when either is unusable.
internal sealed record ListedRefund(string Id, DateTimeOffset UpdatedAt, JsonElement Json)
{
    public static ListedRefund? Read(JsonElement json)
    {
        try
        {
            var id = WebhookPayload.Text(json, "id");
            var updatedAt = ListedPayment.Time(json, "updated_at") ?? ListedPayment.Time(json, "created_at");
            return StoredText.IsUsableId(id) && updatedAt is not null ? new ListedRefund(id!, updatedAt.Value, json) : null;
        }
        catch (WebhookPayloadException)
        {
            return null;
        }
    }
}
