using System.Text.RegularExpressions;

namespace RevenueAngel.Web.Components.Analytics;

/// A message template's title as a label: "Last call, {{ first_name | default: "friend" }}" reads
/// "Last call, ‹first name›".
public static partial class TemplateLabel
{
    public static string Of(string template) =>
        Variable().Replace(template, match => $"‹{match.Groups["name"].Value.Replace('_', ' ')}›");

    [GeneratedRegex(@"\{\{-?\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*-?\}\}")]
    private static partial Regex Variable();
}
