using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Companies;

/// The company rules every module reads, as the Settings page edits them.
public sealed class CompanySettings : IValidatableObject
{
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public TimeOnly? QuietHoursStart { get; set; }
    public TimeOnly? QuietHoursEnd { get; set; }

    [Range(1, 50, ErrorMessage = "Frequency cap: between 1 and 50 messages.")]
    public int FrequencyCapMessages { get; set; } = 3;

    [Range(1, 30, ErrorMessage = "Frequency cap: a period of 1 to 30 days.")]
    public int FrequencyCapDays { get; set; } = 7;

    [Range(1, 90, ErrorMessage = "Attribution window: between 1 and 90 days.")]
    public int AttributionWindowDays { get; set; } = 7;

    [MaxLength(BrandVoiceMaxLength, ErrorMessage = "Brand voice: at most 1,000 characters.")]
    public string? BrandVoice { get; set; }

    public const int BrandVoiceMaxLength = 1000;
    public const int SenderNameMaxLength = 100;
    public const int PostalAddressMaxLength = 500;

    [MaxLength(SenderNameMaxLength, ErrorMessage = "Sender name: at most 100 characters.")]
    public string? EmailSenderName { get; set; }

    [MaxLength(320, ErrorMessage = "Reply-to: at most 320 characters.")]
    public string? EmailReplyTo { get; set; }

    [MaxLength(PostalAddressMaxLength, ErrorMessage = "Postal address: at most 500 characters.")]
    public string? PostalAddress { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone (use an IANA name such as America/New_York).", [nameof(TimeZone)]);
        if (QuietHoursStart.HasValue != QuietHoursEnd.HasValue)
            yield return new ValidationResult("Quiet hours need both a start and an end, or neither.", [nameof(QuietHoursStart), nameof(QuietHoursEnd)]);
        if (QuietHoursStart is { } start && start == QuietHoursEnd)
            yield return new ValidationResult("Quiet hours cannot start and end at the same time.", [nameof(QuietHoursEnd)]);
        if (!string.IsNullOrWhiteSpace(EmailReplyTo) && !(MimeKit.MailboxAddress.TryParse(EmailReplyTo.Trim(), out var replyTo) && replyTo.Address.Contains('@')))
            yield return new ValidationResult("Reply-to: an email address such as support@example.com.", [nameof(EmailReplyTo)]);
    }

    public static CompanySettings Of(Company company) => new()
    {
        TimeZone = company.TimeZone, QuietHoursStart = company.QuietHoursStart, QuietHoursEnd = company.QuietHoursEnd,
        FrequencyCapMessages = company.FrequencyCapMessages, FrequencyCapDays = company.FrequencyCapDays,
        AttributionWindowDays = company.AttributionWindowDays, BrandVoice = company.BrandVoice,
        EmailSenderName = company.EmailSenderName, EmailReplyTo = company.EmailReplyTo, PostalAddress = company.PostalAddress,
    };

    public void ApplyTo(Company company)
    {
        company.TimeZone = TimeZone;
        (company.QuietHoursStart, company.QuietHoursEnd) = (QuietHoursStart, QuietHoursEnd);
        (company.FrequencyCapMessages, company.FrequencyCapDays) = (FrequencyCapMessages, FrequencyCapDays);
        company.AttributionWindowDays = AttributionWindowDays;
        company.BrandVoice = string.IsNullOrWhiteSpace(BrandVoice) ? null : BrandVoice.Trim();
        company.EmailSenderName = string.IsNullOrWhiteSpace(EmailSenderName) ? null : EmailSenderName.Trim();
        company.EmailReplyTo = string.IsNullOrWhiteSpace(EmailReplyTo) ? null : EmailReplyTo.Trim();
        company.PostalAddress = string.IsNullOrWhiteSpace(PostalAddress) ? null : PostalAddress.Trim();
    }
}
