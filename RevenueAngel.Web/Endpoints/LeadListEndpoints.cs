using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Leads.Listing;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

/// The company's leads over REST for its admins: the filtered list with cursor paging, one lead's detail, the CSV
/// export. Another company's lead is not found; another company's list is forbidden (the CompanyAdmin policy).
public static class LeadListEndpoints
{
    public static RouteGroupBuilder MapLeadListEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/export", Export);
        return group;
    }

    public static async Task<Results<Ok<LeadPage>, ValidationProblem>> ListAsync(
        AuthorizedCompany company, [AsParameters] LeadListRequest request, LeadQueries leads, CancellationToken ct)
    {
        var (filter, after, limit, problems) = request.Resolve();
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        return TypedResults.Ok(await leads.ListAsync(company.Scope, filter, after, limit, ct));
    }

    public static async Task<Results<Ok<LeadDetail>, NotFound>> GetAsync(AuthorizedCompany company, long id, LeadQueries leads, CancellationToken ct) =>
        await leads.GetAsync(company.Scope, id, ct) is { } lead ? TypedResults.Ok(lead) : TypedResults.NotFound();

    /// Every lead the filters select (paging parameters ignored), newest captured first.
    public static Results<CsvStreamResult<LeadRow>, ValidationProblem> Export(
        AuthorizedCompany company, [AsParameters] LeadListRequest request, LeadQueries leads, CancellationToken ct)
    {
        var (filter, _, _, problems) = request.Resolve();
        problems.Remove("cursor");
        problems.Remove("limit");
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        return new CsvStreamResult<LeadRow>(leads.ExportAsync(company.Scope, filter, ct), $"leads-{company.Id}.csv",
            LeadExportColumns.Header, LeadExportColumns.Write);
    }
}
