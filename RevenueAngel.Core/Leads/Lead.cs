namespace RevenueAngel.Core.Leads;

/// Someone who showed interest but has not paid yet; Nurture's subject.
public sealed class Lead
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    /// Stored lower-cased and trimmed, so one person is one lead; null for a Whop lead whose email we may not read.
    public string? Email { get; set; }
    public string? Name { get; set; }
    /// One of <see cref="LeadSources"/>: where the lead first came from.
    public required string Source { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    /// Set once the lead has a Whop account we know of: push and direct messages reach it from then on.
    public string? WhopUserId { get; set; }
    /// The member this lead became (a free membership, a waitlist entry's user, or the buyer).
    public long? MemberId { get; set; }
    /// The lead agreed to hear from the creator by email, with the words it was shown.
    public bool EmailConsent { get; set; }
    public string? ConsentText { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }
    public string? UtmSource { get; set; }
    /// The Whop waitlist entry (entry_…) this lead came from, when it did.
    public string? WaitlistEntryId { get; set; }
    /// That entry's last status as Whop reported it (pending, approved, denied, deleted): a denied or deleted entry
    /// keeps the lead, so the creator still sees who asked.
    public string? WaitlistStatus { get; set; }
    public DateTimeOffset CapturedAt { get; init; }
    public DateTimeOffset? ConvertedAt { get; set; }
    /// The payment that converted the lead (Whop pay_… id).
    public string? ConvertedPaymentId { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
