using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class SegmentEndpoints
{
    /// `subject`: "member" (default) or "lead"; `rules`: the target rules' JSON tree.
    public sealed record PreviewRequest(JsonElement? Rules, string? Subject);

    public static RouteGroupBuilder MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/segments").WithTags("Segments").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapPost("/preview", PreviewAsync);
        return group;
    }

    /// How many subjects the rules select now, and the first ten of them.
    public static async Task<Results<Ok<AudiencePreview>, ValidationProblem>> PreviewAsync(
        AuthorizedCompany company, PreviewRequest request, Audience audience, CancellationToken ct)
    {
        SubjectKind kind;
        try
        {
            kind = StoredEnum<SubjectKind>.Parse(request.Subject ?? "member");
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = [e.Message] });
        }
        var (rule, problems) = TargetRulesJson.Parse(request.Rules?.GetRawText() ?? "{}", kind);
        if (problems.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = [.. problems] });
        return TypedResults.Ok(await audience.PreviewAsync(company.Id, kind, rule, ct));
    }
}
