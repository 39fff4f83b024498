using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Demo;

/// Which subjects each default playbook enrolled since the company installed the app, and how it ended.
internal static class DemoJourneys
{
    public static void Plan(DemoOutreach outreach, IReadOnlyDictionary<PlaybookType, Playbook> playbooks, DemoHistory history,
        IEnumerable<(Lead Lead, Member? Member)> leads, DateTimeOffset installedAt, DateTimeOffset now, Random random)
    {
        foreach (var (member, payment, recoveredAt, lostAt) in history.Failures.Where(f => f.Payment.FailedAt >= installedAt))
        {
            outreach.Enroll(playbooks[PlaybookType.ChurnSave], SubjectKind.Member, member.Id, payment.FailedAt!.Value,
                recoveredAt ?? lostAt, lost: lostAt is not null, recoveredAt is null ? null : payment,
                ConversionType.Recovery, member.Id);
        }

        foreach (var (lead, member) in leads.Where(l => l.Lead.Status != LeadStatus.New && l.Lead.CapturedAt >= installedAt))
        {
            var payment = member is null ? null : history.FirstPayments.First(f => f.Member == member).Payment;
            outreach.Enroll(playbooks[PlaybookType.Nurture], SubjectKind.Lead, lead.Id, lead.CapturedAt,
                lead.ConvertedAt ?? (lead.Status == LeadStatus.Unsubscribed ? lead.CapturedAt.AddDays(2) : null),
                payment: payment, type: ConversionType.FirstPurchase, memberId: member?.Id);
        }

        var upgraded = new HashSet<long>();
        foreach (var (member, payment) in history.Upgrades.Where(u => u.Payment.CreatedAt >= installedAt))
        {
            upgraded.Add(member.Id);
            var start = Later(installedAt, payment.CreatedAt.AddDays(-random.Next(2, 20)));
            outreach.Enroll(playbooks[PlaybookType.Upsell], SubjectKind.Member, member.Id, start, payment.CreatedAt,
                payment: payment, type: ConversionType.Upgrade, memberId: member.Id);
        }

        var upsellAudience = history.Memberships.Where(m =>
            m.PlanId == "plan_demo_basic" && m.Status == MembershipStatuses.Active &&
            m.CreatedAt <= now.AddDays(-30) && !upgraded.Contains(m.MemberId));
        foreach (var membership in upsellAudience.Where(_ => random.NextDouble() < 0.3))
        {
            outreach.Enroll(playbooks[PlaybookType.Upsell], SubjectKind.Member, membership.MemberId,
                now.AddMinutes(-random.Next(60, 12 * 24 * 60)), end: null);
        }
    }

    /// Every first purchase, upgrade and recovery is a conversion, touched by a message or not.
    public static IEnumerable<Conversion> ConversionsWithoutJourney(DemoHistory history, IEnumerable<Conversion> recorded,
        DateTimeOffset installedAt)
    {
        var done = recorded.Select(c => c.WhopPaymentId).ToHashSet();
        var candidates = history.FirstPayments.Select(f => (f.Member, f.Payment, Type: ConversionType.FirstPurchase))
            .Concat(history.Upgrades.Select(u => (u.Member, u.Payment, Type: ConversionType.Upgrade)))
            .Concat(history.Failures.Where(f => f.RecoveredAt is not null).Select(f => (f.Member, f.Payment, Type: ConversionType.Recovery)));

        return candidates
            .Where(c => c.Payment.PaidAt >= installedAt && done.Add(c.Payment.Id))
            .Select(c => new Conversion
            {
                CompanyId = c.Member.CompanyId, MemberId = c.Member.Id, WhopPaymentId = c.Payment.Id, Type = c.Type,
                RevenueCents = c.Payment.TotalCents, Currency = c.Payment.Currency, CreatedAt = c.Payment.PaidAt!.Value,
                // No message reached these members: a recovery among them is Whop's own retry.
                RecoveredBy = c.Type == ConversionType.Recovery ? RecoverySource.Whop : null,
            });
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
