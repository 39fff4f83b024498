namespace RevenueAngel.Core.Companies;

/// A Whop company (creator) that installed RevenueAngel, with the settings every module reads.
public sealed class Company
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    /// IANA zone; quiet hours are evaluated in it.
    public string TimeZone { get; set; } = "UTC";
    public string Currency { get; set; } = "usd";
    public DateTimeOffset InstalledAt { get; init; }
    public bool IsDemo { get; init; }

    /// No messages between start and end (local time); null turns quiet hours off.
    public TimeOnly? QuietHoursStart { get; set; } = new(21, 0);
    public TimeOnly? QuietHoursEnd { get; set; } = new(8, 0);

    /// At most FrequencyCapMessages messages per member in any FrequencyCapDays days, across playbooks.
    public int FrequencyCapMessages { get; set; } = 3;
    public int FrequencyCapDays { get; set; } = 7;

    public int AttributionWindowDays { get; set; } = 7;

    /// The creator's note on how their community speaks; every draft (model) follows it.
    public string? BrandVoice { get; set; }

    /// Overrides Messaging:SendsPerMinute for this company when set.
    public int? SendsPerMinute { get; set; }

    /// Our app's experience in this company: push notifications to members go through it.
    public string? WhopExperienceId { get; set; }

    /// Public key in the creator's lead-capture snippet; rotating it makes the old one stop working.
    public string? LeadCaptureKey { get; set; }

    /// Email: the name in From (else Email:FromName), where replies go, and the postal address every email's footer
    /// carries (CAN-SPAM); no email goes out without the address.
    public string? EmailSenderName { get; set; }
    public string? EmailReplyTo { get; set; }
    public string? PostalAddress { get; set; }

    public CompanySyncState Sync { get; init; } = new();
}
