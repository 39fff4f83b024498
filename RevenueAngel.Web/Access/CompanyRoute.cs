namespace RevenueAngel.Web.Access;

/// Company pages live under /dashboard/{companyId}/…
public static class CompanyRoute
{
    public const string Prefix = "/dashboard/";

    public static string? CompanyIdOf(PathString path) => SegmentAfter(path, "/dashboard");

    /// The path segment that follows <paramref name="prefix"/> (`/dashboard/{this}/…`), if any.
    public static string? SegmentAfter(PathString path, string prefix)
    {
        if (!path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest)) return null;
        var segment = rest.Value?.TrimStart('/').Split('/', 2)[0];
        return string.IsNullOrEmpty(segment) ? null : segment;
    }

    public static string Dashboard(string companyId) => $"{Prefix}{Uri.EscapeDataString(companyId)}";
}
