using System.Globalization;
using System.Text.Json;

namespace RevenueAngel.Tests.Webhooks;

/// Whop v1 webhook bodies shaped as reference §2.2–2.5 shows them.
public static class WhopEvents
{
    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Envelope(string type, string companyId, DateTimeOffset at, object data) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = $"msg_{Guid.NewGuid():N}"[..28], ["api_version"] = "v1", ["type"] = type, ["timestamp"] = Iso(at), ["company_id"] = companyId,
        ["data"] = data,
    });

    public static object Payment(string id, string companyId, string userId, string membershipId, string planId, decimal total, string status,
        DateTimeOffset at, string billingReason = "subscription_create", int paymentsFailed = 0, DateTimeOffset? paidAt = null, string? failure = null) => new Dictionary<string, object?>
    {
        ["id"] = id, ["status"] = status, ["substatus"] = status == "paid" ? "succeeded" : "failed", ["billing_reason"] = billingReason,
        ["currency"] = "usd", ["subtotal"] = total, ["total"] = total, ["usd_total"] = total, ["failure_message"] = failure,
        ["payments_failed"] = paymentsFailed, ["last_payment_attempt"] = Iso(at), ["next_payment_attempt"] = status == "paid" ? null : Iso(at.AddDays(1)),
        ["retryable"] = status != "paid", ["card_brand"] = "visa", ["card_last4"] = "4242",
        ["paid_at"] = status == "paid" ? Iso(paidAt ?? at) : null, ["created_at"] = Iso(at.AddMinutes(-1)), ["updated_at"] = Iso(at),
        ["company"] = new { id = companyId, title = "Acme" }, ["user"] = new { id = userId, username = userId, name = "Sam Lee", email = (string?)null },
        ["member"] = new { id = $"mber_{userId}" }, ["membership"] = new { id = membershipId, status = status == "paid" ? "active" : "past_due" },
        ["plan"] = new { id = planId }, ["product"] = new { id = "prod_x", title = "Pro" }, ["metadata"] = new Dictionary<string, string>(),
    };

    public static object Membership(string id, string companyId, string userId, string planId, string status, DateTimeOffset at,
        bool cancelAtPeriodEnd = false, DateTimeOffset? createdAt = null) => new Dictionary<string, object?>
    {
        ["id"] = id, ["status"] = status, ["cancel_at_period_end"] = cancelAtPeriodEnd, ["renewal_period_start"] = Iso(at),
        ["renewal_period_end"] = Iso(at.AddDays(30)), ["created_at"] = Iso(createdAt ?? at.AddDays(-60)), ["updated_at"] = Iso(at),
        ["joined_at"] = Iso(createdAt ?? at.AddDays(-60)), ["currency"] = "usd", ["company"] = new { id = companyId, title = "Acme" },
        ["user"] = new { id = userId, username = userId, name = "Sam Lee" }, ["member"] = new { id = $"mber_{userId}" },
        ["plan"] = new { id = planId }, ["product"] = new { id = "prod_x", title = "Pro" }, ["manage_url"] = $"https://whop.com/billing/manage/mber_{userId}/",
    };

    public static object Refund(string id, string paymentId, decimal amount, string status, DateTimeOffset at) => new Dictionary<string, object?>
    {
        ["id"] = id, ["amount"] = amount, ["currency"] = "usd", ["status"] = status, ["payment"] = new { id = paymentId },
        ["created_at"] = Iso(at), ["updated_at"] = Iso(at),
    };
}
