using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Offers;

public sealed class OffersOptions
{
    public const string SectionName = "Offers";

    /// A member accepts at most one offer in this many days (0: no limit).
    [Range(0, 3650)]
    public int CooldownDays { get; set; } = 90;

    /// An offer can be accepted for this many days after it is made.
    [Range(1, 365)]
    public int ValidDays { get; set; } = 7;

    /// How often paused memberships whose resume date has come are resumed, and stale offers expired.
    [Range(1, 86_400)]
    public int MaintenanceSeconds { get; set; } = 300;
}
