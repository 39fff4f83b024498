using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Messaging;

public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// Sends per minute per company unless the company overrides it.
    [Range(1, 600)]
    public int SendsPerMinute { get; set; } = 30;

    /// Whop does not document notification limits; these keep titles and bodies within what phones show.
    [Range(10, 500)]
    public int TitleMaxLength { get; set; } = 80;

    [Range(50, 4000)]
    public int BodyMaxLength { get; set; } = 500;

    /// An email's Markdown body once filled in.
    [Range(500, 20_000)]
    public int EmailBodyMaxLength { get; set; } = 10_000;

    /// The most characters one field of a message may render to, and the most any filter may build on the way
    /// (a chain of `replace` grows tenfold per filter): past it the render stops at once.
    [Range(4000, 1_000_000)]
    public int MaxRenderedChars { get; set; } = 20_000;

    /// How long one render (every field of one message) may take.
    [Range(1, 60_000)]
    public int RenderTimeoutMs { get; set; } = 1_000;

    /// How many parsed templates are kept in memory.
    [Range(1, 1_000_000)]
    public int TemplateCacheSize { get; set; } = 2_000;

    /// Where members reach this app from outside (https://…): calls to action become tracked `/r/{token}` links
    /// under it. Unset: links go straight to their target and clicks are not tracked (Settings says so); required
    /// in production outside the demo (MessagingOptionsValidator).
    public string? PublicBaseUrl { get; set; }

    /// Whop's checkout page for a plan ({0}: the plan id). Reference §3: the host is not documented, so configurable.
    [Required]
    public string CheckoutUrlFormat { get; set; } = "https://whop.com/checkout/{0}";

    /// A member's billing portal ({0}: Whop's member id, `mber_…`), as Whop's `manage_url`.
    [Required]
    public string BillingUrlFormat { get; set; } = "https://whop.com/billing/manage/{0}/";
}
