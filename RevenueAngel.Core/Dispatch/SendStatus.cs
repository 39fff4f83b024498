namespace RevenueAngel.Core.Dispatch;

public enum SendStatus
{
    Scheduled,
    /// Claimed by a dispatcher under a lease.
    Sending,
    Sent,
    Failed,
    Canceled,
    /// The lease expired mid-send: Whop may or may not have delivered it, so it is never sent again.
    Unknown,
}
