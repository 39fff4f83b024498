using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// entry.created | approved | denied | deleted (reference §2.7): the entry's user becomes, or is linked to, a lead
/// from the waitlist. A denied or deleted entry keeps the lead and records the status: the person still asked.
public sealed class WaitlistEvents(TimeProvider time)
{
    public async Task<(WebhookEventStatus Status, string? Note)> ApplyAsync(RevenueAngelDbContext db, Company company, string type, JsonElement data,
        CancellationToken ct)
    {
        var entry = WebhookPayload.Read<WhopEntry>(data, "waitlist entry");
        WebhookPayload.Id(entry.Id, "entry");
        if (entry.User?.Id is null) return (WebhookEventStatus.Ignored, "the waitlist entry names no Whop user");
        WebhookPayload.Id(entry.User.Id, "user");
        // The event's own name wins for approvals, denials and deletions: a deleted entry may still say "pending".
        var status = type switch
        {
            "entry.approved" => "approved",
            "entry.denied" => "denied",
            "entry.deleted" => "deleted",
            _ => entry.Status is { } given ? WebhookPayload.Status(given, "entry") : "pending",
        };
        var lead = await WhopLeads.FromWaitlistEntryAsync(db, company.Id, entry, status, time.GetUtcNow(), ct);
        return lead is null ? (WebhookEventStatus.Ignored, $"no lead for a {status} waitlist entry") : (WebhookEventStatus.Processed, null);
    }
}
