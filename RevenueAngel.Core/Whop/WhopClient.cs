using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Whop;

/// Whop's v1 REST API (reference §3) over one HttpClient whose pipeline adds the key, the API version,
/// retries, the circuit breaker and the process-wide rate limit (see WhopRegistration).
public sealed class WhopClient(HttpClient http, IOptions<WhopOptions> options)
{
    public const int PageSize = 100;

    public Task<WhopAccess> CheckAccessAsync(string userId, string resourceId, CancellationToken ct = default) =>
        GetAsync<WhopAccess>($"users/{Escape(userId)}/access/{Escape(resourceId)}", "access check", ct);

    public Task<WhopCompany> GetCompanyAsync(string companyId, CancellationToken ct = default) =>
        GetAsync<WhopCompany>($"companies/{Escape(companyId)}", "get company", ct);

    public Task<WhopUser> GetUserAsync(string userId, CancellationToken ct = default) =>
        GetAsync<WhopUser>($"users/{Escape(userId)}", "get user", ct);

    public IAsyncEnumerable<WhopMembership> ListMembershipsAsync(string companyId, MembershipFilter? filter = null, CancellationToken ct = default) =>
        PagesAsync<WhopMembership>(new WhopQuery()
            .Add("company_id", companyId)
            .AddEach("statuses", filter?.Statuses)
            .AddEach("plan_ids", filter?.PlanIds)
            .AddEach("product_ids", filter?.ProductIds)
            .AddEach("user_ids", filter?.UserIds)
            .Add("created_after", filter?.CreatedAfter), "memberships", "list memberships", ct);

    public Task<WhopMembership> GetMembershipAsync(string membershipId, CancellationToken ct = default) =>
        GetAsync<WhopMembership>($"memberships/{Escape(membershipId)}", "get membership", ct);

    public Task<WhopMembership> CancelMembershipAsync(string membershipId, bool atPeriodEnd = true, CancellationToken ct = default) =>
        PostAsync<WhopMembership>($"memberships/{Escape(membershipId)}/cancel",
            new { cancellation_mode = atPeriodEnd ? "at_period_end" : "immediate" }, "cancel membership", null, ct);

    public Task<WhopMembership> UncancelMembershipAsync(string membershipId, CancellationToken ct = default) =>
        PostAsync<WhopMembership>($"memberships/{Escape(membershipId)}/uncancel", null, "uncancel membership", null, ct);

    public Task<WhopMembership> PauseMembershipAsync(string membershipId, bool voidPayments = false, CancellationToken ct = default) =>
        PostAsync<WhopMembership>($"memberships/{Escape(membershipId)}/pause", new { void_payments = voidPayments }, "pause membership", null, ct);

    public Task<WhopMembership> ResumeMembershipAsync(string membershipId, CancellationToken ct = default) =>
        PostAsync<WhopMembership>($"memberships/{Escape(membershipId)}/resume", null, "resume membership", null, ct);

    public Task<WhopMembership> AddFreeDaysAsync(string membershipId, int days, CancellationToken ct = default) =>
        PostAsync<WhopMembership>($"memberships/{Escape(membershipId)}/add_free_days", new { free_days = days }, "add free days", null, ct);

    public IAsyncEnumerable<WhopPayment> ListPaymentsAsync(string companyId, PaymentFilter? filter = null, CancellationToken ct = default) =>
        PagesAsync<WhopPayment>(new WhopQuery()
            .Add("company_id", companyId)
            .AddEach("statuses", filter?.Statuses)
            .AddEach("substatuses", filter?.Substatuses)
            .AddEach("plan_ids", filter?.PlanIds)
            .Add("created_after", filter?.CreatedAfter)
            .Add("updated_after", filter?.UpdatedAfter), "payments", "list payments", ct);

    /// Payments as Whop wrote them (the reconcile hands them to the webhook handlers unchanged), changed since
    /// <paramref name="changedSince"/> through <paramref name="updatedAfterParameter"/>, or without one created since
    /// <paramref name="createdSince"/>; oldest first.
    public IAsyncEnumerable<JsonElement> ListPaymentsAsJsonAsync(string companyId, string? updatedAfterParameter, DateTimeOffset changedSince,
        DateTimeOffset createdSince, CancellationToken ct = default) =>
        PagesAsync<JsonElement>(new WhopQuery()
            .Add("company_id", companyId)
            .Add(updatedAfterParameter ?? "created_after", updatedAfterParameter is null ? createdSince : changedSince)
            .Add("order", "created_at")
            .Add("direction", "asc"), "payments", "list payments", ct);

    /// A payment's refunds as Whop wrote them, from <paramref name="path"/> (Whop:RefundsPath); a 404 means none can be listed.
    public async Task<IReadOnlyList<JsonElement>> ListRefundsAsJsonAsync(string paymentId, string path, CancellationToken ct = default)
    {
        try
        {
            return await PagesAsync<JsonElement>(new WhopQuery().Add("payment_id", paymentId), path.Trim('/'), "list refunds", ct).ToListAsync(ct);
        }
        catch (WhopApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    public Task<WhopPayment> GetPaymentAsync(string paymentId, CancellationToken ct = default) =>
        GetAsync<WhopPayment>($"payments/{Escape(paymentId)}", "get payment", ct);

    /// Only for a payment whose `retryable` is true; Whop also retries on its own schedule (reference §3.6).
    public Task<WhopPayment> RetryPaymentAsync(string paymentId, CancellationToken ct = default) =>
        PostAsync<WhopPayment>($"payments/{Escape(paymentId)}/retry", null, "retry payment", null, ct);

    public IAsyncEnumerable<WhopPlan> ListPlansAsync(string companyId, IReadOnlyList<string>? productIds = null, CancellationToken ct = default) =>
        PagesAsync<WhopPlan>(new WhopQuery().Add("company_id", companyId).AddEach("product_ids", productIds), "plans", "list plans", ct);

    public Task<WhopPlan> GetPlanAsync(string planId, CancellationToken ct = default) =>
        GetAsync<WhopPlan>($"plans/{Escape(planId)}", "get plan", ct);

    public IAsyncEnumerable<WhopProduct> ListProductsAsync(string companyId, CancellationToken ct = default) =>
        PagesAsync<WhopProduct>(new WhopQuery().Add("company_id", companyId), "products", "list products", ct);

    public IAsyncEnumerable<WhopExperience> ListExperiencesAsync(string companyId, string? appId, CancellationToken ct = default) =>
        PagesAsync<WhopExperience>(new WhopQuery().Add("company_id", companyId).Add("app_id", appId), "experiences", "list experiences", ct);

    public Task<WhopCheckoutConfiguration> CreateCheckoutConfigurationAsync(CheckoutConfigurationRequest request, string? idempotencyKey = null, CancellationToken ct = default) =>
        PostAsync<WhopCheckoutConfiguration>("checkout_configurations", request, "create checkout configuration", idempotencyKey, ct);

    public Task<WhopPromoCode> CreatePromoCodeAsync(PromoCodeRequest request, string? idempotencyKey = null, CancellationToken ct = default) =>
        PostAsync<WhopPromoCode>("promo_codes", request, "create promo code", idempotencyKey, ct);

    public async Task SendNotificationAsync(NotificationRequest request, string? idempotencyKey = null, CancellationToken ct = default)
    {
        if ((request.ExperienceId is null) == (request.CompanyId is null))
            throw new ArgumentException("A notification goes to exactly one of an experience or a company.", nameof(request));
        await PostAsync<JsonElement>("notifications", request, "send notification", idempotencyKey, ct);
    }

    /// Returns the existing channel when there is one.
    public Task<WhopSupportChannel> CreateSupportChannelAsync(string companyId, string userId, CancellationToken ct = default) =>
        PostAsync<WhopSupportChannel>("support_channels", new { company_id = companyId, user_id = userId }, "create support channel", null, ct);

    public Task<WhopMessage> SendMessageAsync(string channelId, string markdown, string? idempotencyKey = null, CancellationToken ct = default) =>
        PostAsync<WhopMessage>("messages", new { channel_id = channelId, content = markdown }, "send message", idempotencyKey, ct);

    /// Waitlist entries, from <paramref name="path"/> (Whop:WaitlistEntriesPath: the v1 list path is unconfirmed, reference
    /// §2.7). A 404 means this API has no such list: nothing, not an error.
    public async IAsyncEnumerable<WhopEntry> ListWaitlistEntriesAsync(string companyId, string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var entries = PagesAsync<WhopEntry>(new WhopQuery().Add("company_id", companyId), path.Trim('/'), "list waitlist entries", ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                try
                {
                    if (!await entries.MoveNextAsync()) yield break;
                }
                catch (WhopApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    yield break;
                }
                yield return entries.Current;
            }
        }
        finally
        {
            await entries.DisposeAsync();
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(WhopQuery query, string path, string operation,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var first = query.Apply(path);
        var separator = first.Contains('?') ? '&' : '?';
        string? after = null;
        do
        {
            var uri = $"{first}{separator}first={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await GetAsync<WhopPage<T>>(uri, operation, ct);
            foreach (var item in page.Data) yield return item;
            after = page.PageInfo is { HasNextPage: true, EndCursor: { } cursor } ? cursor : null;
        }
        while (after is not null);
    }

    private async Task<T> GetAsync<T>(string uri, string operation, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendAsync(request, ct);
        return await ReadAsync<T>(response, operation, ct);
    }

    private async Task<T> PostAsync<T>(string uri, object? body, string operation, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: WhopJson.Options),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await SendAsync(request, ct);
        return await ReadAsync<T>(response, operation, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Polly.RateLimiting.RateLimiterRejectedException)
        {
            throw new WhopQueueFullException(options.Value.RateLimitQueueLimit);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, operation, ct);
        return await response.Content.ReadFromJsonAsync<T>(WhopJson.Options, ct)
            ?? throw new WhopApiException(response.StatusCode, "empty_response", "Whop answered with an empty body", operation);
    }

    private static async Task<WhopApiException> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        string? type = null;
        var message = text.Length > 500 ? text[..500] : text;
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            }
            else if (root.TryGetProperty("message", out var legacy))
            {
                message = legacy.GetString() ?? message;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML error page): keep the start of the text.
        }
        if (string.IsNullOrWhiteSpace(message)) message = response.ReasonPhrase ?? response.StatusCode.ToString();
        return new WhopApiException(response.StatusCode, type, message, operation)
        {
            RetryAfter = WhopResilience.ServerDelay(response, TimeSpan.FromMinutes(10)),
        };
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
