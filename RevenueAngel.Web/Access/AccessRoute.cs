namespace RevenueAngel.Web.Access;

/// Pages under /dashboard/{companyId}/… need an admin of that company; /experiences/{experienceId}/… any
/// access to that experience (reference §1.1, §1.3).
public sealed record AccessRoute(bool IsExperience, string ResourceId)
{
    public static AccessRoute? Of(PathString path) =>
        CompanyRoute.CompanyIdOf(path) is { } companyId ? new AccessRoute(false, companyId)
        : CompanyRoute.SegmentAfter(path, "/experiences") is { } experienceId ? new AccessRoute(true, experienceId)
        : null;
}
