using System.Text.RegularExpressions;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Drafting;

/// What a drafted message must pass: the same checks as a saved template (Liquid, catalogue variables, lengths once
/// filled in, safe link), plus what a model gets wrong: a variable with no value for the module's subjects, or a
/// link in the text. The link is always the purpose's.
public sealed partial class DraftChecks(LiquidTemplates templates)
{
    /// An email draft is checked against email's limits (subject, preheader, Markdown body), any other against push's.
    public IReadOnlyList<string> Problems(string title, string body, string ctaLabel, DraftRequest request, string? preheader = null)
    {
        var email = request.Channel == MessageChannel.Email;
        var template = new MessageTemplate
        {
            CompanyId = "draft", Name = "draft", Title = title.Trim(), Body = body.Trim(), CtaLabel = ctaLabel.Trim(),
            CtaUrl = StepPurposes.Of(request.Purpose).Link, Preheader = email && !string.IsNullOrWhiteSpace(preheader) ? preheader.Trim() : null,
        };
        var problems = templates.Validate(template, channel: email ? MessageChannel.Email : MessageChannel.Push).Select(p => $"{p.Field}: {p.Message}").ToList();
        if (email && title.Trim().Length > DraftPrompt.EmailSubjectMaxLength)
            problems.Add($"title: a subject of at most {DraftPrompt.EmailSubjectMaxLength} characters, so inboxes show it whole.");
        if (email && string.IsNullOrWhiteSpace(preheader)) problems.Add("preheader: write the inbox preview line.");
        if (email && preheader?.Trim().Length > DraftPrompt.EmailPreheaderMaxLength)
            problems.Add($"preheader: at most {DraftPrompt.EmailPreheaderMaxLength} characters.");
        var allowed = ModuleVariables.For(request.Module).Select(v => v.Name).ToHashSet();
        foreach (var name in new[] { title, body, ctaLabel, preheader ?? "" }.SelectMany(s => VariableName().Matches(s)).Select(m => m.Groups[1].Value).Distinct())
            if (!allowed.Contains(name)) problems.Add($"{{{{ {name} }}}} is not available in this message; use only {string.Join(", ", allowed)}.");
        if (Link().IsMatch(title + " " + body + " " + preheader)) problems.Add("No links or web addresses in the text: the button carries the link.");
        if (email && Html().IsMatch(body)) problems.Add("body: Markdown only, no HTML tags.");
        return problems;
    }

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z][^>]*>")]
    private static partial Regex Html();

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
