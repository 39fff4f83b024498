using Microsoft.AspNetCore.Authorization;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Access;

/// Why an access check failed, so the answer can say it: 401, 403, 503, or 400 when no company was named.
public sealed class AccessFailure(IAuthorizationHandler handler, AccessDecision? decision)
    : AuthorizationFailureReason(handler, decision?.ToString() ?? "no company named")
{
    /// Null when the request named no company.
    public AccessDecision? Decision { get; } = decision;
}
