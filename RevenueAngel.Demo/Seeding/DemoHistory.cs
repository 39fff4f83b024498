using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;

namespace RevenueAngel.Demo;

/// What the simulated billing produced, and the moments outreach reacts to.
internal sealed class DemoHistory
{
    public List<Membership> Memberships { get; } = [];
    public List<Payment> Payments { get; } = [];
    /// A failed payment: recovered at RecoveredAt, or lost (membership canceled) at LostAt, or still open.
    public List<(Member Member, Payment Payment, DateTimeOffset? RecoveredAt, DateTimeOffset? LostAt)> Failures { get; } = [];
    public List<(Member Member, Payment Payment)> Upgrades { get; } = [];
    public List<(Member Member, Payment Payment)> FirstPayments { get; } = [];
}
