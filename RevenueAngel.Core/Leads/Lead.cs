namespace RevenueAngel.Core.Leads;

/// Someone who showed interest but has not paid yet; Nurture's subject.
public sealed class Lead
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    /// Stored lower-cased and trimmed, so one person is one lead.
    public required string Email { get; init; }
    public string? Name { get; set; }
    public required string Source { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    public string? WhopUserId { get; set; }
    public DateTimeOffset CapturedAt { get; init; }
    public DateTimeOffset? ConvertedAt { get; set; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
