using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Components.Leads;

/// How lead sources, statuses and channels read on the page.
public static class LeadText
{
    public static string Source(string source) => source switch
    {
        LeadSources.Web => "Web form",
        LeadSources.Csv => "CSV import",
        LeadSources.Manual => "Added by hand",
        LeadSources.WhopFreePlan => "Whop free plan",
        LeadSources.WhopWaitlist => "Whop waitlist",
        _ => source.Replace('_', ' '),
    };

    public static string StatusKey(LeadStatus status) => StoredEnum<LeadStatus>.ToText(status);

    public static string Status(LeadStatus status) => status switch
    {
        LeadStatus.New => "New",
        LeadStatus.Nurturing => "Nurturing",
        LeadStatus.Converted => "Converted",
        LeadStatus.Unsubscribed => "Unsubscribed",
        _ => status.ToString(),
    };

    public static string Channel(string channel) => channel switch
    {
        LeadReach.Push => "Push",
        LeadReach.DirectMessage => "DM",
        LeadReach.Email => "Email",
        _ => channel,
    };
}
