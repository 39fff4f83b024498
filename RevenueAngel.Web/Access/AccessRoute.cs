namespace RevenueAngel.Web.Access;

/// Pages under /dashboard/{companyId}/… need an admin of that company; /experiences/{experienceId}/… any
/// access to that experience (reference §1.1, §1.3).
public sealed record AccessRoute(bool IsExperience, string ResourceId)
{
    public static AccessRoute? Of(PathString path)
    {
        if (CompanyRoute.CompanyIdOf(path) is { } companyId) return new AccessRoute(false, companyId);
        if (!path.StartsWithSegments("/experiences", StringComparison.OrdinalIgnoreCase, out var rest)) return null;
        var segment = rest.Value?.TrimStart('/').Split('/', 2)[0];
        return string.IsNullOrEmpty(segment) ? null : new AccessRoute(true, segment);
    }
}
