using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class PlaybookEndpoints
{
    public sealed record EnableRequest(bool Enabled);

    public static RouteGroupBuilder MapPlaybookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/playbooks").WithTags("Playbooks");
        group.MapGet("/", ListAsync).RequireCompanyAdmin();
        group.MapGet("/{id:long}", GetAsync).RequireCompanyAdmin();
        group.MapPost("/{id:long}/enable", EnableAsync).RequireCompanyAdmin();
        return group;
    }

    public static async Task<Ok<IReadOnlyList<PlaybookSummary>>> ListAsync(string companyId, PlaybookCatalog playbooks, CancellationToken ct) =>
        TypedResults.Ok(await playbooks.ListAsync(companyId, ct));

    public static async Task<Results<Ok<PlaybookDetail>, NotFound>> GetAsync(string companyId, long id, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.GetAsync(companyId, id, ct) is { } playbook ? TypedResults.Ok(playbook) : TypedResults.NotFound();

    /// `{ "enabled": false }` also ends the playbook's active enrolments and cancels their scheduled sends.
    public static async Task<Results<NoContent, NotFound>> EnableAsync(string companyId, long id, EnableRequest request, PlaybookCatalog playbooks, CancellationToken ct) =>
        await playbooks.SetEnabledAsync(companyId, id, request.Enabled, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
