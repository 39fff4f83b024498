namespace RevenueAngel.Core.Leads;

/// A lead as the REST API returns it after a write.
public sealed record LeadSnapshot(long Id, string? Email, string? Name, string Source, LeadStatus Status, bool EmailConsent, string? ConsentText,
    string? UtmSource, string? WhopUserId, IReadOnlyList<string> Channels, bool ReachableNow, DateTimeOffset CapturedAt)
{
    private static readonly Func<Lead, bool> Reachable = LeadReach.ReachableNow.Compile();

    public static LeadSnapshot Of(Lead lead) => new(lead.Id, lead.Email, lead.Name, lead.Source, lead.Status, lead.EmailConsent, lead.ConsentText,
        lead.UtmSource, lead.WhopUserId, LeadReach.Channels(lead), Reachable(lead), lead.CapturedAt);
}
