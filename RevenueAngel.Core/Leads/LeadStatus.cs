namespace RevenueAngel.Core.Leads;

public enum LeadStatus
{
    New,
    Nurturing,
    Converted,
    Unsubscribed,
}
