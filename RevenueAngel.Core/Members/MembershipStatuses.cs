namespace RevenueAngel.Core.Members;

/// Whop's membership status values (reference §2.5). Stored as Whop sends them, so values Whop adds later survive.
public static class MembershipStatuses
{
    public const string Trialing = "trialing";
    public const string Active = "active";
    public const string PastDue = "past_due";
    public const string Completed = "completed";
    public const string Canceled = "canceled";
    public const string Expired = "expired";
    public const string Unresolved = "unresolved";
    public const string Drafted = "drafted";
    public const string Canceling = "canceling";

    /// Memberships that give access today.
    public static readonly IReadOnlyList<string> Live = [Trialing, Active, Canceling, PastDue];

    /// Memberships that are billed every period (trials have not paid yet; past due is not paying).
    public static readonly IReadOnlyList<string> Paying = [Active, Canceling];
}
