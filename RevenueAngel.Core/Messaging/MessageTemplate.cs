namespace RevenueAngel.Core.Messaging;

/// A Liquid template for one message: title and body, with an optional call to action.
public sealed class MessageTemplate
{
    // The columns' sizes (MessageTemplateConfiguration): validation refuses a longer source before the database would.
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 4000;
    public const int CtaLabelMaxLength = 60;
    public const int CtaUrlMaxLength = 2000;
    public const int PreheaderMaxLength = 200;

    /// The column size of a template field by its name in TemplateProblem.
    public static int MaxSourceLength(string field) => field switch
    {
        "title" => TitleMaxLength,
        "body" => BodyMaxLength,
        "cta_label" => CtaLabelMaxLength,
        "cta_url" => CtaUrlMaxLength,
        "preheader" => PreheaderMaxLength,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a template field."),
    };

    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public required string Name { get; set; }
    public MessageTone Tone { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? CtaLabel { get; set; }
    public string? CtaUrl { get; set; }
    /// Email only: the line inboxes show after the subject; the title is the subject and the body Markdown.
    public string? Preheader { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
