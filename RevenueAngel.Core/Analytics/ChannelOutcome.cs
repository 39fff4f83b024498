namespace RevenueAngel.Core.Analytics;

/// What became of a send, as the channel table counts it: the statuses a send passes through on its way out
/// (scheduled, sending) are one outcome, so the rollup changes only when a send's fate does.
public enum ChannelOutcome
{
    /// Scheduled or sending.
    Pending,
    /// Sent, or unknown (Whop may have delivered it).
    Delivered,
    Failed,
    Canceled,
}
