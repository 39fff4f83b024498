using System.Text.Json;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Routes a stored event to its handler, inside the processor's transaction. An event for a company that has
/// not installed RevenueAngel, or of a type we do not act on, is `ignored` (kept, with the reason); a payload
/// that cannot be read throws WebhookPayloadException.
public sealed class WebhookHandlers(PaymentEvents payments, MembershipEvents memberships, WaitlistEvents waitlist)
{
    public async Task<(WebhookEventStatus Status, string? Note)> ApplyAsync(RevenueAngelDbContext db, WebhookEvent row, WebhookBatchMemory memory,
        CancellationToken ct)
    {
        using var json = Parse(row.Payload);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object)
            throw new WebhookPayloadException("The event has no `data` object.");
        var companyId = row.CompanyId ?? CompanyIdOf(data);
        var company = StoredText.IsUsableId(companyId) ? await memory.CompanyAsync(db, companyId!, ct) : null;
        if (company is null) return (WebhookEventStatus.Ignored, $"company {companyId ?? "(none)"} has not installed RevenueAngel");

        var result = row.EventType switch
        {
            "payment.created" or "payment.pending" or "payment.succeeded" or "payment.failed" =>
                (await payments.ApplyAsync(db, company, row.EventType, data, memory, ct), null),
            "membership.activated" or "membership.deactivated" or "membership.cancel_at_period_end_changed" =>
                (await memberships.ApplyAsync(db, company, row.EventType, data, memory, ct), null),
            "refund.created" or "refund.updated" or "dispute.created" or "dispute.updated" =>
                (await MoneyMovementEvents.ApplyAsync(db, company, row.EventType, data, memory, ct), null),
            "entry.created" or "entry.approved" or "entry.denied" or "entry.deleted" =>
                await waitlist.ApplyAsync(db, company, row.EventType, data, ct),
            _ => (WebhookEventStatus.Ignored, $"RevenueAngel does not act on {row.EventType}"),
        };
        // What a handler left to its caller's save: handlers save only when a later read of theirs needs it.
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// `data.company.id` when it is a string, else null.
    public static string? CompanyIdOf(JsonElement data) => WebhookPayload.RefId(data, "company");

    private static JsonDocument Parse(string payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException($"The payload is not JSON: {e.Message}", e);
        }
    }
}
