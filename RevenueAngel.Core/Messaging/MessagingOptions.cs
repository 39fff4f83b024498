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
}
