namespace RevenueAngel.Demo.WhopFake;

/// The fake's objects in Whop's documented JSON shapes (snake_case names written out by hand).
internal static class FakeWhopJson
{
    public static object Membership(FakeWhopStore store, FakeMembership m)
    {
        var user = store.Users.GetValueOrDefault(m.UserId);
        var company = store.Companies.GetValueOrDefault(m.CompanyId);
        var product = store.Products.GetValueOrDefault(m.ProductId);
        return new Dictionary<string, object?>
        {
            ["id"] = m.Id, ["status"] = m.Status, ["cancel_at_period_end"] = m.CancelAtPeriodEnd,
            ["cancel_option"] = m.CancelOption, ["cancellation_reason"] = null, ["canceled_at"] = Time(m.CanceledAt),
            ["payment_collection_paused"] = m.Paused, ["renewal_period_start"] = Time(m.RenewalPeriodStart),
            ["renewal_period_end"] = Time(m.RenewalPeriodEnd), ["created_at"] = Time(m.CreatedAt),
            ["updated_at"] = Time(m.UpdatedAt), ["joined_at"] = Time(m.CreatedAt), ["currency"] = "usd",
            ["company"] = new { id = m.CompanyId, title = company?.Title },
            ["user"] = user is null ? null : new { id = user.Id, username = user.Username, name = user.Name, email = user.Email },
            ["member"] = new { id = m.MemberId }, ["plan"] = new { id = m.PlanId, metadata = new { } },
            ["product"] = new { id = m.ProductId, title = product?.Title, metadata = new { } },
            ["promo_code"] = null, ["license_key"] = null, ["metadata"] = new { }, ["checkout_configuration_id"] = null,
            ["manage_url"] = $"https://whop.com/billing/manage/{m.MemberId}/", ["custom_field_responses"] = Array.Empty<object>(),
        };
    }

    public static object Payment(FakeWhopStore store, FakePayment p)
    {
        var user = store.Users.GetValueOrDefault(p.UserId);
        var membership = store.Memberships.GetValueOrDefault(p.MembershipId);
        var plan = store.Plans.GetValueOrDefault(p.PlanId);
        return new Dictionary<string, object?>
        {
            ["id"] = p.Id, ["status"] = p.Status, ["substatus"] = p.Substatus, ["billing_reason"] = p.BillingReason,
            ["currency"] = p.Currency, ["subtotal"] = p.Total, ["total"] = p.Total, ["usd_total"] = p.Total,
            ["amount_after_fees"] = decimal.Round(p.Total * 0.943m, 2), ["settlement_amount"] = p.Total,
            ["refunded_amount"] = p.RefundedAmount, ["refunded_at"] = null, ["failure_message"] = p.FailureMessage,
            ["payments_failed"] = p.PaymentsFailed, ["last_payment_attempt"] = Time(p.LastPaymentAttempt),
            ["next_payment_attempt"] = Time(p.NextPaymentAttempt), ["retryable"] = IsRetryable(store, p),
            ["refundable"] = p.Status == "paid", ["voidable"] = false, ["card_brand"] = "visa", ["card_last4"] = "4242",
            ["payment_method_type"] = "card", ["paid_at"] = Time(p.PaidAt), ["created_at"] = Time(p.CreatedAt),
            ["updated_at"] = Time(p.UpdatedAt),
            ["company"] = new { id = p.CompanyId, title = store.Companies.GetValueOrDefault(p.CompanyId)?.Title },
            ["user"] = user is null ? null : new { id = user.Id, username = user.Username, name = user.Name, email = user.Email },
            ["member"] = new { id = membership?.MemberId }, ["membership"] = new { id = p.MembershipId, status = membership?.Status },
            ["plan"] = new { id = p.PlanId, metadata = new { } },
            ["product"] = new { id = plan?.ProductId, title = plan is null ? null : store.Products.GetValueOrDefault(plan.ProductId)?.Title },
            ["promo_code"] = null, ["checkout_configuration_id"] = p.CheckoutConfigurationId, ["metadata"] = p.Metadata,
            ["disputes"] = Array.Empty<object>(), ["resolutions"] = Array.Empty<object>(),
        };
    }

    /// The refund as the payment's refund list gives it: the payment by id (`payment_id`), the amount in major units.
    public static object Refund(FakeRefund r) => new Dictionary<string, object?>
    {
        ["id"] = r.Id, ["status"] = r.Status, ["amount"] = r.Amount, ["currency"] = r.Currency, ["payment_id"] = r.PaymentId,
        ["created_at"] = Time(r.CreatedAt), ["updated_at"] = Time(r.UpdatedAt),
    };

    public static object Plan(FakeWhopStore store, FakePlan p) => new Dictionary<string, object?>
    {
        ["id"] = p.Id, ["title"] = p.Title, ["description"] = null, ["plan_type"] = p.PlanType,
        ["renewal_price"] = p.RenewalPrice, ["initial_price"] = p.InitialPrice, ["billing_period"] = p.BillingPeriodDays,
        ["expiration_days"] = null, ["trial_period_days"] = null, ["currency"] = p.Currency, ["visibility"] = "visible",
        ["release_method"] = "buy_now", ["purchase_url"] = $"https://whop.com/checkout/{p.Id}",
        ["member_count"] = store.Memberships.Values.Count(m => m.PlanId == p.Id),
        ["product"] = new { id = p.ProductId, title = store.Products.GetValueOrDefault(p.ProductId)?.Title },
        ["company"] = new { id = p.CompanyId, title = store.Companies.GetValueOrDefault(p.CompanyId)?.Title },
        ["metadata"] = new { },
    };

    public static object Product(FakeProduct p) => new { id = p.Id, title = p.Title, headline = (string?)null, route = p.Route, visibility = "visible", metadata = new { } };

    public static object Experience(FakeExperience e) => new
    {
        id = e.Id, name = e.Name, app = new { id = e.AppId, name = "RevenueAngel" },
        products = new[] { new { id = e.ProductId } }, company = new { id = e.CompanyId },
    };

    public static bool IsRetryable(FakeWhopStore store, FakePayment p) =>
        p.Status == "open" && store.Memberships.GetValueOrDefault(p.MembershipId)?.Status is "active" or "trialing" or "completed" or "past_due";

    public static object Entry(FakeWhopStore store, FakeEntry e)
    {
        store.Users.TryGetValue(e.UserId, out var user);
        return new Dictionary<string, object?>
        {
            ["id"] = e.Id, ["created_at"] = Time(e.CreatedAt), ["status"] = e.Status, ["plan"] = new { id = e.PlanId },
            ["product"] = new { id = e.ProductId, title = store.Products.TryGetValue(e.ProductId, out var product) ? product.Title : null },
            ["user"] = new { id = e.UserId, email = user?.Email, name = user?.Name, username = user?.Username },
            ["custom_field_responses"] = Array.Empty<object>(),
        };
    }

    public static object Error(string type, string message) => new { error = new { type, message } };

    private static string? Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
