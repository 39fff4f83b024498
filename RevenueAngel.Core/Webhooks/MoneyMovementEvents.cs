using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// refund.created | updated and dispute.created | updated: a negative adjustment per refund or dispute, linked
/// to the payment's conversion, so revenue figures subtract it. The reference does not show these objects; we
/// read `id`, `amount` (major units), `currency`, `status`, `updated_at` and the payment as `payment.id` or
/// `payment_id`. A refund counts unless failed or canceled; a dispute only once it is lost.
public static class MoneyMovementEvents
{
    private static readonly HashSet<string> RefundVoid = ["failed", "canceled", "cancelled"];
    private static readonly HashSet<string> DisputeLost = ["lost", "dispute_lost", "closed_lost", "resolution_lost"];

    public static async Task<WebhookEventStatus> ApplyAsync(RevenueAngelDbContext db, Company company, string type, JsonElement data, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        var kind = type.StartsWith("refund.", StringComparison.Ordinal) ? AdjustmentKind.Refund : AdjustmentKind.Dispute;
        var id = WebhookPayload.Id(Text(data, "id"), type[..type.IndexOf('.')]);
        var paymentId = WebhookPayload.Id(WebhookPayload.RefId(data, "payment") ?? Text(data, "payment_id"), "payment");
        var status = Text(data, "status") is { } s ? WebhookPayload.Status(s, type[..type.IndexOf('.')]) : null;
        var amount = data.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number
            ? a.TryGetDecimal(out var value) && Math.Abs(value) < 1_000_000_000_000m ? value : throw new WebhookPayloadException("The amount is out of range.")
            : 0m;
        var currency = Text(data, "currency") ?? company.Currency;
        if (currency.Length != 3 || !StoredText.IsClean(currency)) throw new WebhookPayloadException("The currency is not a three-letter code.");
        var updatedAt = Time(data, "updated_at") ?? Time(data, "created_at") ?? DateTimeOffset.UnixEpoch;
        var counts = kind == AdjustmentKind.Refund ? !RefundVoid.Contains(status ?? "") : DisputeLost.Contains(status ?? "");

        var row = await db.RevenueAdjustments.SingleOrDefaultAsync(r => r.WhopObjectId == id, ct);
        if (row is not null && row.UpdatedAt > updatedAt) return WebhookEventStatus.Processed;
        if (row is null)
        {
            row = new RevenueAdjustment
            {
                CompanyId = company.Id, WhopObjectId = id, Kind = kind, WhopPaymentId = paymentId, CreatedAt = Time(data, "created_at") ?? updatedAt,
            };
            db.RevenueAdjustments.Add(row);
        }
        if (row.ConversionId is null)
            row.ConversionId = memory.ConversionOf(paymentId) is (true, var known) ? known
                : await db.Conversions.Where(c => c.WhopPaymentId == paymentId).Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
        row.AmountCents = counts ? -Money.FromMajorUnits(Math.Abs(amount), currency).Cents : 0;
        (row.Currency, row.Status, row.UpdatedAt) = (currency.ToLowerInvariant(), status, updatedAt);
        await db.SaveChangesAsync(ct);
        return WebhookEventStatus.Processed;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
}
