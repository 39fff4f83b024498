namespace RevenueAngel.Core.Messaging;

/// A Liquid template for one message: title and body, with an optional call to action.
public sealed class MessageTemplate
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public required string Name { get; set; }
    public MessageTone Tone { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? CtaLabel { get; set; }
    public string? CtaUrl { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
