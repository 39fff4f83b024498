namespace RevenueAngel.Core.Leads.Listing;

/// One lead as the list shows it, with the channels that reach it (<see cref="LeadReach"/>).
public sealed record LeadRow(long Id, string? Email, string? Name, string Source, LeadStatus Status, IReadOnlyList<string> Channels,
    bool EmailConsent, string? UtmSource, DateTimeOffset CapturedAt, DateTimeOffset? ConvertedAt)
{
    public bool ReachableNow => Channels.Contains(LeadReach.Push);
}

/// A page of leads, newest captured first; NextCursor reads the page after it (null on the last page).
public sealed record LeadPage(IReadOnlyList<LeadRow> Items, string? NextCursor);
