using Microsoft.AspNetCore.Authorization;

namespace RevenueAngel.Web.Access;

/// The two kinds of access: an admin of the company in the route (creator pages and the REST API) and anyone
/// with access to the experience in the route (the members' page).
public static class AccessPolicies
{
    public const string CompanyAdmin = nameof(CompanyAdmin);
    public const string ExperienceMember = nameof(ExperienceMember);

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(CompanyAdmin, p => p.AddRequirements(new CompanyAdminRequirement()))
        .AddPolicy(ExperienceMember, p => p.AddRequirements(new ExperienceMemberRequirement()));
}

public sealed class CompanyAdminRequirement : IAuthorizationRequirement;

public sealed class ExperienceMemberRequirement : IAuthorizationRequirement;
