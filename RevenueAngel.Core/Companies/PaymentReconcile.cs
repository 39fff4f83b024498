using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// Nothing is lost when a webhook is: lists the payments Whop changed since the company's watermark (less an overlap),
/// page by page, and queues each state we have not applied as a stored event, in Whop's v1 envelope, for the webhook
/// processor, so it goes through the same handlers, member locks, order, retries and dead letters as a delivery.
/// A refunded payment whose refunds we do not all hold has them listed and queued under the refund's own id. Every
/// queued event is keyed by the object and its `updated_at`, and the handlers are idempotent per payment and refund, so
/// a state that came by webhook, by reconcile, or both counts once. The watermark moves only when the whole listing
/// was read and queued: a Whop outage half way leaves it where it was, and the next reconcile lists that span again.
public sealed partial class PaymentReconcile(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, IOptions<WhopOptions> options,
    TimeProvider time, ILogger<PaymentReconcile> logger)
{
    public const string WebhookIdPrefix = "reconcile_";
    private const string Headers = """{"source":"reconcile"}""";

    /// Returns how many payment and refund states were queued; throws what Whop throws, the watermark unmoved.
    public async Task<int> ReconcileAsync(string companyId, CancellationToken ct = default)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        var overlap = TimeSpan.FromMinutes(settings.PaymentReconcileOverlapMinutes);
        DateTimeOffset first, from;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
                .Select(c => new { c.InstalledAt, c.Sync.PaymentsReconciledUntil }).SingleAsync(ct);
            first = Before(company.InstalledAt, TimeSpan.FromDays(settings.PaymentReconcileLookbackDays) + overlap);
            from = company.PaymentsReconciledUntil is { } until ? Before(until, overlap) : first;
        }
        var parameter = settings.PaymentsUpdatedAfterParameter is { Length: > 0 } name ? name : null;
        var createdSince = Max(first, Before(startedAt, TimeSpan.FromDays(settings.PaymentReconcileCreatedWindowDays)));

        var queued = 0;
        var page = new List<JsonElement>(WhopClient.PageSize);
        await foreach (var payment in whop.ListPaymentsAsJsonAsync(companyId, parameter, from, createdSince, ct))
        {
            page.Add(payment);
            if (page.Count < WhopClient.PageSize) continue;
            queued += await QueuePageAsync(companyId, page, ct);
            page.Clear();
        }
        queued += await QueuePageAsync(companyId, page, ct);

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
            (company.Sync.PaymentsReconciledUntil, company.Sync.PaymentsHealed) = (startedAt, queued);
            await db.SaveChangesAsync(ct);
        }
        if (queued > 0) LogQueued(companyId, queued, from);
        return queued;
    }

    /// Two reads for the page (our copies of its payments, and the refunds we hold for them), then Whop only for the
    /// refunds of a payment whose refunded amount we do not fully hold.
    private async Task<int> QueuePageAsync(string companyId, List<JsonElement> page, CancellationToken ct)
    {
        var listed = page.Select(ListedPayment.Read).OfType<ListedPayment>().ToList();
        if (listed.Count == 0) return 0;
        var ids = listed.Select(p => p.Id).ToList();
        var refundsPath = options.Value.RefundsPath is { Length: > 0 } path ? path : null;
        List<WebhookEvent> events = [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ours = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.UpdatedAt, p.Status }).ToDictionaryAsync(p => p.Id, ct);
        var refundedHere = await db.RevenueAdjustments.AsNoTracking()
            .Where(a => a.Kind == AdjustmentKind.Refund && ids.Contains(a.WhopPaymentId))
            .GroupBy(a => a.WhopPaymentId).Select(g => new { PaymentId = g.Key, Cents = -g.Sum(a => a.AmountCents) })
            .ToDictionaryAsync(a => a.PaymentId, a => a.Cents, ct);
        var now = time.GetUtcNow();
        foreach (var payment in listed)
        {
            var applied = ours.TryGetValue(payment.Id, out var copy)
                          && (copy.UpdatedAt > payment.UpdatedAt || (copy.UpdatedAt == payment.UpdatedAt && copy.Status == payment.Status));
            if (!applied) events.Add(Queued(companyId, payment.EventType, payment.Id, payment.UpdatedAt, payment.UpdatedAt, payment.Json, now));
            if (refundsPath is null || payment.RefundedCents <= refundedHere.GetValueOrDefault(payment.Id)) continue;
            foreach (var refund in (await whop.ListRefundsAsJsonAsync(payment.Id, refundsPath, ct)).Select(ListedRefund.Read).OfType<ListedRefund>())
            {
                var known = await db.RevenueAdjustments.AsNoTracking()
                    .AnyAsync(a => a.WhopObjectId == refund.Id && a.UpdatedAt >= refund.UpdatedAt, ct);
                // After the payment's own state: its conversion exists when the refund is linked to it.
                var occurredAt = Max(refund.UpdatedAt, payment.UpdatedAt).AddMilliseconds(1);
                if (!known) events.Add(Queued(companyId, "refund.updated", refund.Id, refund.UpdatedAt, occurredAt, refund.Json, now));
            }
        }
        return await StoreAsync(events, ct);
    }

    private static WebhookEvent Queued(string companyId, string type, string objectId, DateTimeOffset updatedAt, DateTimeOffset occurredAt,
        JsonElement data, DateTimeOffset now)
    {
        var webhookId = $"{WebhookIdPrefix}{objectId}_{updatedAt.ToUnixTimeMilliseconds()}";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", webhookId);
            json.WriteString("api_version", "v1");
            json.WriteString("type", type);
            json.WriteString("timestamp", occurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("company_id", companyId);
            json.WritePropertyName("data");
            data.WriteTo(json);
            json.WriteEndObject();
        }
        return new WebhookEvent
        {
            WebhookId = webhookId, CompanyId = companyId, EventType = type, Payload = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
            Headers = Headers, ReceivedAt = now, OccurredAt = occurredAt, NextAttemptAt = now,
        };
    }

    /// Once per key: one already stored (an earlier reconcile, another replica's) is left as it is.
    private async Task<int> StoreAsync(List<WebhookEvent> events, CancellationToken ct)
    {
        events = [.. events.DistinctBy(e => e.WebhookId)];
        if (events.Count == 0) return 0;
        var keys = events.Select(e => e.WebhookId).ToList();
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var stored = (await db.WebhookEvents.Where(e => keys.Contains(e.WebhookId)).Select(e => e.WebhookId).ToListAsync(ct)).ToHashSet();
            events = [.. events.Where(e => !stored.Contains(e.WebhookId))];
            if (events.Count == 0) return 0;
            db.WebhookEvents.AddRange(events);
            try
            {
                await db.SaveChangesAsync(ct);
                return events.Count;
            }
            catch (DbUpdateException)
            {
                // Another replica queued some of them meanwhile: one at a time below, skipping those.
            }
        }
        var count = 0;
        foreach (var row in events)
        {
            await using var alone = await contexts.CreateDbContextAsync(ct);
            if (await alone.WebhookEvents.AnyAsync(e => e.WebhookId == row.WebhookId, ct)) continue;
            alone.WebhookEvents.Add(new WebhookEvent
            {
                WebhookId = row.WebhookId, CompanyId = row.CompanyId, EventType = row.EventType, Payload = row.Payload, Headers = row.Headers,
                ReceivedAt = row.ReceivedAt, OccurredAt = row.OccurredAt, NextAttemptAt = row.NextAttemptAt,
            });
            try
            {
                await alone.SaveChangesAsync(ct);
                count++;
            }
            catch (DbUpdateException)
            {
                // Taken by the other replica between the check and the insert; anything else is a real failure.
                if (!await IsStoredAsync(row.WebhookId, ct)) throw;
            }
        }
        return count;
    }

    private async Task<bool> IsStoredAsync(string webhookId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WebhookEvents.AnyAsync(e => e.WebhookId == webhookId, ct);
    }

    private static DateTimeOffset Before(DateTimeOffset at, TimeSpan by) => at - DateTimeOffset.UnixEpoch > by ? at - by : DateTimeOffset.UnixEpoch;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(LogLevel.Information, "Reconcile of company {CompanyId} queued {Count} payment and refund states missing since {Since}")]
    private partial void LogQueued(string companyId, int count, DateTimeOffset since);
}
