using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Web.Framing;

/// Who may show RevenueAngel in an iframe: Whop always, plus ExtraAncestors (env Framing__ExtraAncestors__0, …).
public sealed class FramingOptions : IValidatableObject
{
    public const string SectionName = "Framing";
    public static readonly IReadOnlyList<string> WhopAncestors = ["https://whop.com", "https://*.whop.com"];

    public List<string> ExtraAncestors { get; set; } = [];

    public string FrameAncestorsPolicy => string.Join(' ', ["'self'", .. WhopAncestors, .. ExtraAncestors]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ExtraAncestors
            .Where(origin => !IsOrigin(origin))
            .Select(origin => new ValidationResult(
                $"Framing:ExtraAncestors entry '{origin}' is not an origin such as https://example.com or https://*.example.com.",
                [nameof(ExtraAncestors)]));

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value.Replace("*.", "wildcard.", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.AbsolutePath == "/" && !value.EndsWith('/') && string.IsNullOrEmpty(uri.Query);
}
