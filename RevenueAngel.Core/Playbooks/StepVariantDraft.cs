using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

/// An A/B variant of a step as the editor writes it: its own message and its share of subjects.
public sealed class StepVariantDraft
{
    public const int MaxPerStep = 3;

    /// "B", "C", …; null for a variant not saved yet (it gets the next free letter, so a saved variant keeps its key
    /// and its measured subjects).
    public string? Key { get; set; }
    public int Percent { get; set; } = 50;
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? CtaLabel { get; set; }
    public string? CtaUrl { get; set; }
    /// Email steps: this variant's own inbox preview line (a subject test usually tests it too).
    public string? Preheader { get; set; }

    /// <paramref name="channel"/> is the step's: only email keeps a preheader.
    public MessageTemplate ToTemplate(string companyId, MessageChannel channel = MessageChannel.Push)
    {
        var template = Template(companyId, Title, Body, CtaLabel, CtaUrl);
        template.Preheader = EmailPreheader(channel, Preheader);
        return template;
    }

    internal static string? EmailPreheader(MessageChannel channel, string? preheader) =>
        channel == MessageChannel.Email && !string.IsNullOrWhiteSpace(preheader) ? preheader.Trim() : null;

    internal static MessageTemplate Template(string companyId, string title, string body, string? ctaLabel, string? ctaUrl) => new()
    {
        CompanyId = companyId, Name = "draft", Title = title, Body = body,
        CtaLabel = string.IsNullOrWhiteSpace(ctaLabel) ? null : ctaLabel, CtaUrl = string.IsNullOrWhiteSpace(ctaUrl) ? null : ctaUrl,
    };

    /// The first letter after A that no other variant of the step uses.
    public static string NextKey(IEnumerable<string?> taken) =>
        Enumerable.Range('B', 24).Select(c => ((char)c).ToString()).First(k => !taken.Contains(k));
}
