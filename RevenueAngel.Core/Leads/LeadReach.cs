using System.Linq.Expressions;

namespace RevenueAngel.Core.Leads;

/// Which channels reach a lead today. Push and direct messages need a Whop account; email needs an address and the
/// lead's consent, and is listed so the creator sees who the email channel will pick up once it is configured.
public static class LeadReach
{
    public const string Push = "push";
    public const string DirectMessage = "direct_message";
    public const string Email = "email";

    /// Reachable by a channel that exists now (Whop's); SQL-translatable, so lists and audience counts filter on it.
    public static Expression<Func<Lead, bool>> ReachableNow { get; } = l => l.WhopUserId != null;

    public static IReadOnlyList<string> Channels(Lead lead) => Channels(lead.WhopUserId, lead.Email, lead.EmailConsent);

    public static IReadOnlyList<string> Channels(string? whopUserId, string? email, bool emailConsent)
    {
        var channels = new List<string>(3);
        if (whopUserId is not null) channels.AddRange([Push, DirectMessage]);
        if (email is not null && emailConsent) channels.Add(Email);
        return channels;
    }
}
