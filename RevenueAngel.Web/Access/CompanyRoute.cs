namespace RevenueAngel.Web.Access;

/// Company pages live under /dashboard/{companyId}/…
public static class CompanyRoute
{
    public const string Prefix = "/dashboard/";

    public static string? CompanyIdOf(PathString path)
    {
        if (!path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase, out var rest)) return null;
        var segment = rest.Value?.TrimStart('/').Split('/', 2)[0];
        return string.IsNullOrEmpty(segment) ? null : segment;
    }

    public static string Dashboard(string companyId) => $"{Prefix}{Uri.EscapeDataString(companyId)}";
}
