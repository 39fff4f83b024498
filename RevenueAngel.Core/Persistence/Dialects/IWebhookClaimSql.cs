using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Persistence.Dialects;

/// How a batch of due webhook events is claimed for the caller's transaction.
internal interface IWebhookClaimSql
{
    /// How many workers of one run can claim at once, given the configured number.
    int Workers(int configured);

    /// The oldest due events (received, or failed and due for a retry), at most <paramref name="batchSize"/>, in
    /// Whop's order, held until the caller's transaction ends, with the members <paramref name="memberKey"/> names
    /// for them locked as long. No two transactions, in this process or another, apply events of one member at once,
    /// and a batch holding a member's earlier event applies before one holding a later event.
    Task<List<WebhookEvent>> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, int batchSize,
        Func<WebhookEvent, string?> memberKey, CancellationToken ct);
}

internal static class WebhookClaimSql
{
    public static readonly string Received = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Received);
    public static readonly string Failed = StoredEnum<WebhookEventStatus>.ToText(WebhookEventStatus.Failed);
}
