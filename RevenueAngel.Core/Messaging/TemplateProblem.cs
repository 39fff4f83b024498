namespace RevenueAngel.Core.Messaging;

/// What is wrong with a template, and where: the field (title, body, cta_label, cta_url) and its 1-based line.
public sealed record TemplateProblem(string Field, int Line, string Message)
{
    public override string ToString() => $"{Field}, line {Line}: {Message}";
}

public sealed record RenderedMessage(string Title, string Body, string? CtaLabel, string? CtaUrl);

/// A template could not be rendered for one subject (a variable without a value): the send fails with this
/// reason instead of reaching the member with a blank.
public sealed class TemplateRenderException(string message) : Exception(message);
