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
