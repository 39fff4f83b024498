using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Email;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

/// The company's suppression list, for admins: read (JSON or CSV) and remove an entry with a reason.
public static class EmailEndpoints
{
    public static RouteGroupBuilder MapEmailEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/email").WithTags("Email").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapGet("/suppressions", ListAsync);
        group.MapDelete("/suppressions/{id:long}", RemoveAsync);
        return group;
    }

    /// Active entries, newest first; `includeRemoved=true` adds removed ones with their reason; `format=csv` downloads them.
    public static async Task<IResult> ListAsync(AuthorizedCompany company, string? format, bool? includeRemoved, EmailSuppressions suppressions,
        CancellationToken ct)
    {
        var rows = await suppressions.ListAsync(company.Scope, includeRemoved ?? false, ct);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(rows);
        return new CsvStreamResult<SuppressionRow>(rows.ToAsyncEnumerable(), $"suppressions-{company.Id}.csv", SuppressionExportColumns.Header,
            SuppressionExportColumns.Write);
    }

    /// `?reason=` is required and recorded; another company's entry is not found.
    public static async Task<Results<NoContent, NotFound, ValidationProblem>> RemoveAsync(AuthorizedCompany company, long id, string? reason,
        EmailSuppressions suppressions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the address may be emailed again."] });
        return await suppressions.RemoveAsync(company.Scope, id, reason, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
