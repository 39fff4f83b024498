namespace RevenueAngel.Core.Leads;

public enum LeadCaptureStatus
{
    /// A new lead.
    Created,
    /// The address was a lead already; what was new (consent, a name) was added, nothing lost.
    Updated,
    /// The honeypot was filled: answered like a success, stored nowhere.
    Ignored,
    /// No company has this capture key (never issued, or rotated away).
    UnknownKey,
    /// A field is wrong; <see cref="LeadCaptureOutcome.Field"/> says which.
    Invalid,
}

public sealed record LeadCaptureOutcome(LeadCaptureStatus Status, Lead? Lead = null, string? Field = null, string? Problem = null)
{
    public static LeadCaptureOutcome Invalid(string field, string problem) => new(LeadCaptureStatus.Invalid, null, field, problem);
}
