using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Routes a stored event to its handler, inside the processor's transaction. An event for a company that has
/// not installed RevenueAngel, or of a type we do not act on, is `ignored` (kept, with the reason).
public sealed class WebhookHandlers(PaymentEvents payments, MembershipEvents memberships)
{
    public async Task<(WebhookEventStatus Status, string? Note)> ApplyAsync(RevenueAngelDbContext db, WebhookEvent row, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        using var json = JsonDocument.Parse(row.Payload);
        var data = json.RootElement.GetProperty("data");
        var companyId = row.CompanyId ?? CompanyIdOf(data);
        var company = companyId is null ? null : await memory.CompanyAsync(db, companyId, ct);
        if (company is null) return (WebhookEventStatus.Ignored, $"company {companyId ?? "(none)"} has not installed RevenueAngel");

        return row.EventType switch
        {
            "payment.created" or "payment.pending" or "payment.succeeded" or "payment.failed" =>
                (await payments.ApplyAsync(db, company, row.EventType, data, memory, ct), null),
            "membership.activated" or "membership.deactivated" or "membership.cancel_at_period_end_changed" =>
                (await memberships.ApplyAsync(db, company, row.EventType, data, memory, ct), null),
            "refund.created" or "refund.updated" or "dispute.created" or "dispute.updated" =>
                (await MoneyMovementEvents.ApplyAsync(db, company, row.EventType, data, ct), null),
            _ => (WebhookEventStatus.Ignored, $"RevenueAngel does not act on {row.EventType}"),
        };
    }

    public static string? CompanyIdOf(JsonElement data) =>
        data.TryGetProperty("company", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("id", out var id) ? id.GetString() : null;
}
