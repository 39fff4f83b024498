using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Leads;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

/// Admin writes on leads: manual add, and the public key of the company's capture endpoint (read, rotate).
public static class LeadAdminEndpoints
{
    public sealed record CaptureKeyView(string Key, string CapturePath);

    public static RouteGroupBuilder MapLeadAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapPost("/", AddAsync);
        group.MapGet("/capture-key", GetCaptureKeyAsync);
        group.MapPost("/capture-key/rotate", RotateCaptureKeyAsync);
        return group;
    }

    /// `{ "email": "…", "name": "…", "consent": true, "consent_text": "…" }`, source manual: 201 with the new lead, 200
    /// with the existing one (what was new added, nothing lost).
    public static async Task<Results<Created<LeadSnapshot>, Ok<LeadSnapshot>, ValidationProblem, ProblemHttpResult>> AddAsync(AuthorizedCompany company,
        HttpRequest request, LeadCapture capture, CancellationToken ct)
    {
        var body = await LeadCaptureBody.ReadAsync(request, ct);
        if (body.Request is null)
            return body.Status == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [body.Field!] = [body.Problem!] })
                : TypedResults.Problem(body.Problem, statusCode: body.Status);
        var outcome = await capture.AddAsync(company.Scope, body.Request, ct);
        if (outcome.Lead is not { } lead) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [outcome.Field!] = [outcome.Problem!] });
        var snapshot = LeadSnapshot.Of(lead);
        return outcome.Status == LeadCaptureStatus.Created
            ? TypedResults.Created($"/api/leads/{lead.Id}?companyId={company.Id}", snapshot)
            : TypedResults.Ok(snapshot);
    }

    public static async Task<Ok<CaptureKeyView>> GetCaptureKeyAsync(AuthorizedCompany company, LeadCaptureKeys keys, CancellationToken ct) =>
        TypedResults.Ok(View(await keys.GetOrCreateAsync(company.Scope, ct)));

    /// A new key; the old one answers 404 from now on.
    public static async Task<Ok<CaptureKeyView>> RotateCaptureKeyAsync(AuthorizedCompany company, LeadCaptureKeys keys, CancellationToken ct) =>
        TypedResults.Ok(View(await keys.RotateAsync(company.Scope, ct)));

    private static CaptureKeyView View(string key) => new(key, $"/api/leads/capture/{key}");
}
