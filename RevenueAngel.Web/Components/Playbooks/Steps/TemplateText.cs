namespace RevenueAngel.Web.Components.Playbooks.Steps;

public static class TemplateText
{
    /// Appends the variable where the creator will see it; Blazor cannot read the caret without JS interop.
    public static string Insert(string? text, string variable)
    {
        var tag = $"{{{{ {variable} }}}}";
        if (string.IsNullOrEmpty(text)) return tag;
        return char.IsWhiteSpace(text[^1]) ? text + tag : $"{text} {tag}";
    }
}
