namespace RevenueAngel.Core.Leads.Listing;

/// What the Leads list and its export show. Search matches a part of the name or the email; the capture period is
/// [CapturedFrom, CapturedTo).
public sealed record LeadFilter(string? Search = null, string? Source = null, LeadStatus? Status = null, bool? Reachable = null,
    DateTimeOffset? CapturedFrom = null, DateTimeOffset? CapturedTo = null)
{
    public static LeadFilter None { get; } = new();
}
