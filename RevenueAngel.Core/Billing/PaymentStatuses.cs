namespace RevenueAngel.Core.Billing;

/// Whop's receipt status values (reference §2.4), stored verbatim.
public static class PaymentStatuses
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Paid = "paid";
    public const string Pending = "pending";
    public const string Uncollectible = "uncollectible";
    public const string Unresolved = "unresolved";
    public const string Void = "void";
}
