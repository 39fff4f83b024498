using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Web.Access;
using RevenueAngel.Web.Jobs;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Web.Endpoints;

public static class WebhookEndpoints
{
    private static readonly HashSet<string> SignatureHeaders = ["webhook-signature", "x-whop-signature", "authorization", "cookie"];

    public static WebApplication MapWebhookEndpoints(this WebApplication app)
    {
        app.MapPost("/api/webhooks/whop", ReceiveAsync).WithTags("Webhooks").DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Webhooks);
        var events = app.MapGroup("/api/webhooks/events").WithTags("Webhooks")
            .RequireAuthorization(AccessPolicies.CompanyAdmin).RequireRateLimiting(RateLimitPolicies.Api);
        events.MapGet("/", ListAsync);
        events.MapGet("/{id:long}", GetAsync);
        events.MapPost("/{id:long}/replay", ReplayAsync);
        return app;
    }

    /// Verify, store (one INSERT), answer: nothing is applied here (WebhookProcessingJob does that, woken without waiting).
    public static async Task<IResult> ReceiveAsync(HttpRequest request, WebhookInbox inbox, WebhookWakeUp wake, IOptions<WebhookOptions> options,
        CancellationToken ct)
    {
        var max = options.Value.MaxBodyBytes;
        if (request.ContentLength > max) return TooLarge(max);
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max) return TooLarge(max);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var headers = request.Headers.Where(h => !SignatureHeaders.Contains(h.Key.ToLowerInvariant()))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var (receipt, problem) = await inbox.AcceptAsync(request.Headers["webhook-id"].FirstOrDefault(), request.Headers["webhook-timestamp"].FirstOrDefault(),
            request.Headers["webhook-signature"].FirstOrDefault(), buffer.ToArray(), headers, ct);
        if (receipt == WebhookReceipt.Rejected)
            return TypedResults.Problem(title: "Webhook rejected", detail: problem, statusCode: StatusCodes.Status401Unauthorized);
        if (receipt == WebhookReceipt.Stored && options.Value.ProcessOnReceipt) wake.Soon();
        return TypedResults.Ok(new { received = true, duplicate = receipt == WebhookReceipt.Duplicate });
    }

    /// `type`, `status` (received, processed, ignored, failed, dead), `search` (a member, membership or payment id), `take`.
    public static async Task<Results<Ok<IReadOnlyList<WebhookEventRow>>, ValidationProblem>> ListAsync(AuthorizedCompany company, string? type, string? status,
        string? search, int? take, WebhookActivity activity, CancellationToken ct)
    {
        WebhookEventStatus? parsed = null;
        if (status is not null)
        {
            try
            {
                parsed = StoredEnum<WebhookEventStatus>.Parse(status);
            }
            catch (FormatException e)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [e.Message] });
            }
        }
        return TypedResults.Ok(await activity.ListAsync(company.Id, new WebhookFilter(type, parsed, Search: search, Take: take ?? 50), ct));
    }

    public static async Task<Results<Ok<WebhookEventDetail>, NotFound>> GetAsync(AuthorizedCompany company, long id, WebhookActivity activity, CancellationToken ct) =>
        await activity.GetAsync(company.Id, id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    public static async Task<Results<Accepted, NotFound>> ReplayAsync(AuthorizedCompany company, long id, WebhookActivity activity, WebhookWakeUp wake, CancellationToken ct)
    {
        if (!await activity.ReplayAsync(company.Scope, id, ct)) return TypedResults.NotFound();
        await wake.NowAsync(ct);
        return TypedResults.Accepted((string?)null);
    }

    private static IResult TooLarge(int max) =>
        TypedResults.Problem(title: "Webhook too large", detail: $"The body is over {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
