using Microsoft.AspNetCore.Authorization;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Access;

/// The ExperienceMember requirement for the experience of the route (`{experienceId}`) or an
/// <see cref="ExperienceResource"/> inside a circuit: any access to it, as Whop says.
public sealed class ExperienceMemberHandler(CompanyAccessCheck access, CircuitGrants grants) : AuthorizationHandler<ExperienceMemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ExperienceMemberRequirement requirement)
    {
        var (experienceId, http, resource) = context.Resource switch
        {
            ExperienceResource r => (r.ExperienceId, null, r),
            HttpContext h => (h.GetRouteValue("experienceId") as string, h, null),
            _ => ((string?)null, (HttpContext?)null, (ExperienceResource?)null),
        };
        if (string.IsNullOrEmpty(experienceId))
        {
            context.Fail(new AccessFailure(this, null));
            return;
        }

        var decision = await access.ExperienceAsync(context.User.WhopUserId(), experienceId, http?.RequestAborted ?? CancellationToken.None);
        if (resource is not null) resource.Decision = decision;
        if (decision == AccessDecision.Allowed)
        {
            grants.Grant(isExperience: true, experienceId);
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AccessFailure(this, decision));
        }
    }
}
