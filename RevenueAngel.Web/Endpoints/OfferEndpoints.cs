using Microsoft.AspNetCore.Http.HttpResults;
using RevenueAngel.Core.Offers;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Endpoints;

public static class OfferEndpoints
{
    public static RouteGroupBuilder MapOfferEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/offers").WithTags("Offers").RequireAuthorization(AccessPolicies.CompanyAdmin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        return group;
    }

    /// The company's offers, newest first (at most OfferQueries.ListLimit); `status` and `kind` as stored ("free_days").
    public static async Task<Results<Ok<IReadOnlyList<OfferSummary>>, ValidationProblem>> ListAsync(
        AuthorizedCompany company, string? status, string? kind, OfferQueries offers, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        var statusFilter = Parse<OfferStatus>(status, "status", problems);
        var kindFilter = Parse<OfferKind>(kind, "kind", problems);
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        return TypedResults.Ok(await offers.ListAsync(company.Id, statusFilter, kindFilter, ct));
    }

    /// One offer with every Whop call it made; another company's offer is not found.
    public static async Task<Results<Ok<OfferDetail>, NotFound>> GetAsync(AuthorizedCompany company, long id, OfferQueries offers, CancellationToken ct) =>
        await offers.GetAsync(company.Id, id, ct) is { } offer ? TypedResults.Ok(offer) : TypedResults.NotFound();

    private static TEnum? Parse<TEnum>(string? text, string field, Dictionary<string, string[]> problems) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            return StoredEnum<TEnum>.Parse(text);
        }
        catch (FormatException e)
        {
            problems[field] = [e.Message];
            return null;
        }
    }
}
