namespace RevenueAngel.Core.Analytics;

/// Sends delivered in one UTC hour for one step, and how many of them were clicked. Written only by database
/// triggers on `sends` (see the SendHourlyCounts migration), so every writer keeps it exact in its own
/// transaction; the analytics read these few rows instead of scanning a million sends.
public sealed class SendHourlyCount
{
    public required string CompanyId { get; init; }
    public long PlaybookId { get; init; }
    public long StepId { get; init; }
    public DateTimeOffset Hour { get; init; }
    public int Sent { get; init; }
    public int Clicked { get; init; }
}
