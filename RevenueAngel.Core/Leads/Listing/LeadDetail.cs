namespace RevenueAngel.Core.Leads.Listing;

/// A lead with what is known about it and what happened to it, oldest first.
public sealed record LeadDetail(LeadRow Lead, string? WhopUserId, long? MemberId, string? ConsentText, DateTimeOffset? ConsentAt,
    string? WaitlistEntryId, string? ConvertedPaymentId, IReadOnlyList<LeadTimelineEntry> Timeline);

/// One moment in a lead's history. Kind is one of captured, consent, enrolled, left, sent, clicked, converted.
public sealed record LeadTimelineEntry(DateTimeOffset At, string Kind, string Text);
