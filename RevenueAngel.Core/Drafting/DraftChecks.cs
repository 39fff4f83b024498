using System.Text.RegularExpressions;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Drafting;

/// What a drafted message must pass: the same checks as a saved template (Liquid, catalogue variables, lengths once
/// filled in, safe link), plus what a model gets wrong: a variable with no value for the module's subjects, or a
/// link in the text. The link is always the purpose's.
public sealed partial class DraftChecks(LiquidTemplates templates)
{
    public IReadOnlyList<string> Problems(string title, string body, string ctaLabel, DraftRequest request)
    {
        var template = new MessageTemplate
        {
            CompanyId = "draft", Name = "draft", Title = title.Trim(), Body = body.Trim(), CtaLabel = ctaLabel.Trim(),
            CtaUrl = StepPurposes.Of(request.Purpose).Link,
        };
        var problems = templates.Validate(template).Select(p => $"{p.Field}: {p.Message}").ToList();
        var allowed = ModuleVariables.For(request.Module).Select(v => v.Name).ToHashSet();
        foreach (var name in new[] { title, body, ctaLabel }.SelectMany(s => VariableName().Matches(s)).Select(m => m.Groups[1].Value).Distinct())
            if (!allowed.Contains(name)) problems.Add($"{{{{ {name} }}}} is not available in this message; use only {string.Join(", ", allowed)}.");
        if (Link().IsMatch(title + " " + body)) problems.Add("No links or web addresses in the text: the button carries the link.");
        return problems;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
