using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Attribution;

public sealed class AttributionOptions
{
    public const string SectionName = "Attribution";

    /// A withdrawn cancellation whose member cancels again within this many days, before a payment confirmed it, is lost.
    [Range(1, 365)]
    public int SaveConfirmationDays { get; set; } = 30;
}
