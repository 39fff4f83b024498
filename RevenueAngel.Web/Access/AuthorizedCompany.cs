using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Access;

/// An endpoint parameter: the company of the request (`?companyId=`) once the CompanyAdmin policy admitted it.
public sealed record AuthorizedCompany(CompanyScope Scope)
{
    public string Id => Scope.Id;

    public static ValueTask<AuthorizedCompany?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<AuthorizedCompany?>(context.Features.Get<AuthorizedCompany>()
            ?? throw new InvalidOperationException($"The endpoint needs .RequireAuthorization({nameof(AccessPolicies)}.{nameof(AccessPolicies.CompanyAdmin)})."));
}
