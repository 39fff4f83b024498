using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Leads;

/// "Can reach now: N of M": of the leads a Nurture playbook's rules select, how many a channel that exists today
/// reaches (LeadReach.ReachableNow). The others wait in their sequence for a channel.
public sealed record NurtureReachCount(int Reachable, int Audience);

public static class NurtureReach
{
    /// <param name="emails">The playbook has email steps (or an email fallback): consenting leads count as reached.</param>
    public static async Task<NurtureReachCount> CountAsync(RevenueAngelDbContext db, string companyId, TargetRule? rule, DateTimeOffset now,
        CancellationToken ct, bool emails = false)
    {
        var audience = db.Leads.Where(l => l.CompanyId == companyId).Where(new SqlRuleEvaluator(db, now).ForLeads(rule));
        return new NurtureReachCount(await audience.Where(emails ? LeadReach.ReachableWithEmail : LeadReach.ReachableNow).CountAsync(ct),
            await audience.CountAsync(ct));
    }
}
