namespace RevenueAngel.Core.Email;

public enum SuppressionReason
{
    /// The person used the unsubscribe link (or their mail client's one-click button).
    Unsubscribed,
    /// The mail server refused the address with a 5xx.
    HardBounce,
    /// An admin added it.
    Admin,
}
