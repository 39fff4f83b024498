namespace RevenueAngel.Core.Messaging;

/// What is wrong with a template, and where: the field (title, body, cta_label, cta_url) and its 1-based line.
public sealed record TemplateProblem(string Field, int Line, string Message)
{
    public override string ToString() => $"{Field}, line {Line}: {Message}";
}

/// <param name="Preheader">Email only: the inbox preview line.</param>
public sealed record RenderedMessage(string Title, string Body, string? CtaLabel, string? CtaUrl, string? Preheader = null);

/// A template could not be rendered for one subject (a variable without a value, a link that is not a web address,
/// a render past its budget): the send fails with this reason instead of reaching the member.
/// <param name="field">The field it happened in (title, body, cta_label, cta_url), when known.</param>
public sealed class TemplateRenderException(string message, string? field = null, bool timedOut = false) : Exception(message)
{
    public string? Field { get; } = field;

    /// Past the time budget: on a busy host this says more about the host than about the template.
    public bool TimedOut { get; } = timedOut;
}
