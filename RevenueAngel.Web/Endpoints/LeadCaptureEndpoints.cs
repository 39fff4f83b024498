using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Leads;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Web.Endpoints;

/// `POST /api/leads/capture/{companyPublicKey}`: the creator's landing page posts a lead from any origin (CORS without
/// credentials), limited per IP and per key. 202 when accepted (and when the honeypot caught a bot: it must not
/// learn), 400/413/415 problem details for a body we cannot take, 404 for an unknown or rotated-away key, 503 when
/// the database is unavailable — never a 500.
public static partial class LeadCaptureEndpoints
{
    public const string CorsPolicy = "lead-capture";

    public sealed record Accepted(string Status);

    public static void AddLeadCaptureCors(this CorsOptions options) =>
        options.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods(HttpMethods.Post).SetPreflightMaxAge(TimeSpan.FromHours(1)));

    public static RouteHandlerBuilder MapLeadCaptureEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/leads/capture/{companyPublicKey}", CaptureAsync)
            .WithTags("Leads")
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicies.LeadCapture)
            .AllowAnonymous();

    public static async Task<IResult> CaptureAsync(string companyPublicKey, HttpRequest request, LeadCapture capture, ILoggerFactory loggers,
        CancellationToken ct)
    {
        try
        {
            var body = await LeadCaptureBody.ReadAsync(request, ct);
            if (body.Request is null) return Problem(body.Status, body.Field!, body.Problem!);
            var outcome = await capture.CaptureAsync(companyPublicKey, body.Request, ct);
            return outcome.Status switch
            {
                LeadCaptureStatus.UnknownKey => TypedResults.Problem("No company has this capture key; it may have been rotated.", statusCode: StatusCodes.Status404NotFound,
                    title: "Unknown capture key"),
                LeadCaptureStatus.Invalid => Problem(StatusCodes.Status400BadRequest, outcome.Field!, outcome.Problem!),
                _ when body.IsForm && AcceptsHtml(request) => Results.Content(ThanksPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status202Accepted),
                _ => TypedResults.Json(new Accepted("accepted"), statusCode: StatusCodes.Status202Accepted),
            };
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogCaptureFailed(loggers.CreateLogger(typeof(LeadCaptureEndpoints)), e);
            request.HttpContext.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem("Leads cannot be saved right now; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult Problem(int status, string field, string problem) => status == StatusCodes.Status400BadRequest
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] })
        : TypedResults.Problem(problem, statusCode: status);

    private static bool AcceptsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    // A plain HTML form navigates to the answer: a line for a person instead of JSON.
    private const string ThanksPage = "<!doctype html><meta charset=\"utf-8\"><title>Thanks</title><p>Thanks, you are on the list.</p>";

    [LoggerMessage(LogLevel.Error, "A lead capture failed; answered 503")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception);
}
