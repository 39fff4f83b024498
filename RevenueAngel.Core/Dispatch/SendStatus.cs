namespace RevenueAngel.Core.Dispatch;

public enum SendStatus
{
    Scheduled,
    /// Claimed by a dispatcher under a lease.
    Sending,
    Sent,
    Failed,
    Canceled,
    /// Whop was called and the outcome could not be recorded (the lease expired mid-call, the app stopped during the
    /// call, or the database refused `sent`): Whop may have delivered it, so it is never sent again.
    Unknown,
}
