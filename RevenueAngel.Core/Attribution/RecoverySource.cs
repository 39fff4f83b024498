namespace RevenueAngel.Core.Attribution;

/// Who recovered a failed payment: paid after our first message for it, or by Whop's own retry before any message.
public enum RecoverySource
{
    Ours,
    Whop,
}
