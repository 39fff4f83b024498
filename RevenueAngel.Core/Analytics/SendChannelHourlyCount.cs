using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Analytics;

/// Sends per channel and outcome in one UTC hour of when they went out, or are due if they have not. Written only by
/// database triggers on `sends` (see the EnrolmentRevenue migration), so every writer keeps it exact in its own
/// transaction; the channel table reads these few rows instead of every send of the period.
public sealed class SendChannelHourlyCount
{
    public required string CompanyId { get; init; }
    public DateTimeOffset Hour { get; init; }
    public MessageChannel Channel { get; init; }
    public ChannelOutcome Outcome { get; init; }
    public int Sends { get; init; }
}
