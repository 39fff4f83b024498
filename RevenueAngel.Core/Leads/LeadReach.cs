using System.Linq.Expressions;

namespace RevenueAngel.Core.Leads;

/// Which channels reach a lead today. Push and direct messages need a Whop account; email needs an address and the
/// lead's consent (and, when sending, an address off the suppression list and Email:Host configured).
public static class LeadReach
{
    public const string Push = "push";
    public const string DirectMessage = "direct_message";
    public const string Email = "email";

    /// Reachable by Whop's channels (push, direct messages); SQL-translatable, so lists and audience counts filter on it.
    public static Expression<Func<Lead, bool>> ReachableNow { get; } = l => l.WhopUserId != null;

    /// Reachable by Whop's channels or by email (an address with consent), for playbooks with email steps.
    public static Expression<Func<Lead, bool>> ReachableWithEmail { get; } = l => l.WhopUserId != null || (l.Email != null && l.EmailConsent);

    public static IReadOnlyList<string> Channels(Lead lead) => Channels(lead.WhopUserId, lead.Email, lead.EmailConsent);

    public static IReadOnlyList<string> Channels(string? whopUserId, string? email, bool emailConsent)
    {
        var channels = new List<string>(3);
        if (whopUserId is not null) channels.AddRange([Push, DirectMessage]);
        if (email is not null && emailConsent) channels.Add(Email);
        return channels;
    }
}
