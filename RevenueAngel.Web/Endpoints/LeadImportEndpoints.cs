using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

/// `POST /api/leads/import?companyId=` with the CSV as the body (text/csv). Columns are detected from the header;
/// `emailColumn`, `nameColumn`, `utmSourceColumn`, `consentColumn` and `consentTextColumn` name them instead ("" skips
/// one). Answers the report; 413 over 100,000 rows or 20 MB and 400 for a file that cannot be read, both with
/// nothing imported.
public static class LeadImportEndpoints
{
    public static RouteGroupBuilder MapLeadImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leads").WithTags("Leads").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapPost("/import", ImportAsync).Accepts<string>("text/csv");
        return group;
    }

    public sealed record ImportColumns(string? EmailColumn, string? NameColumn, string? UtmSourceColumn, string? ConsentColumn, string? ConsentTextColumn)
    {
        public LeadImportMapping ToMapping() => new(EmailColumn, NameColumn, UtmSourceColumn, ConsentColumn, ConsentTextColumn);
    }

    public static async Task<Results<Ok<LeadImportReport>, ProblemHttpResult>> ImportAsync(
        AuthorizedCompany company, HttpRequest request, [AsParameters] ImportColumns columns, LeadImporter importer, CancellationToken ct)
    {
        if (request.ContentLength > LeadImportLimits.MaxBytes) return TooLarge($"The file is over the {LeadImportLimits.MaxBytes / (1024 * 1024)} MB limit.");
        try
        {
            return TypedResults.Ok(await importer.ImportAsync(company.Scope, request.Body, columns.ToMapping(), ct: ct));
        }
        catch (LeadImportTooLargeException e)
        {
            return TooLarge(e.Message);
        }
        catch (LeadImportException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The file cannot be imported");
        }
    }

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail + " Nothing was imported; split the file.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large");
}
