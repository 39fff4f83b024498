using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Messaging;

/// The rows SubjectVariables reads, for any number of subjects of any number of companies, in a fixed number of
/// statements: a dispatcher batch of 500 sends reads them as often as one send does.
public sealed class VariableSources
{
    private VariableSources() { }

    public IReadOnlyDictionary<string, List<Plan>> Plans { get; private init; } = new Dictionary<string, List<Plan>>();
    public IReadOnlyDictionary<string, int> ActiveMembers { get; private init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<long, Member> Members { get; private init; } = new Dictionary<long, Member>();
    public IReadOnlyDictionary<long, Lead> Leads { get; private init; } = new Dictionary<long, Lead>();
    /// Each member's membership the variables describe: a live one first, then the newest.
    public IReadOnlyDictionary<long, MembershipRow> CurrentMembership { get; private init; } = new Dictionary<long, MembershipRow>();
    /// Each member's newest failed payment not paid since.
    public IReadOnlyDictionary<long, FailedPaymentRow> OpenFailure { get; private init; } = new Dictionary<long, FailedPaymentRow>();

    public static async Task<VariableSources> LoadAsync(RevenueAngelDbContext db, IReadOnlyCollection<string> companyIds,
        IReadOnlyCollection<long> memberIds, IReadOnlyCollection<long> leadIds, CancellationToken ct, bool countMembers = true)
    {
        var plans = await db.Plans.AsNoTracking().Where(p => companyIds.Contains(p.CompanyId)).ToListAsync(ct);
        // Counting a large community's members costs more than the rest of a batch's reads together: only when a template asks.
        var active = !countMembers ? [] : await db.Memberships.Where(m => companyIds.Contains(m.CompanyId) && MembershipStatuses.Live.Contains(m.Status))
            .GroupBy(m => m.CompanyId)
            .Select(g => new { CompanyId = g.Key, Count = g.Select(m => m.MemberId).Distinct().Count() })
            .ToListAsync(ct);
        var members = memberIds.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToListAsync(ct);
        var leads = leadIds.Count == 0 ? [] : await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToListAsync(ct);
        var memberships = memberIds.Count == 0 ? [] : await db.Memberships.AsNoTracking().Where(m => memberIds.Contains(m.MemberId))
            .Select(m => new MembershipRow(m.MemberId, m.PlanId, m.Status, m.ManageUrl, m.CreatedAt)).ToListAsync(ct);
        var failures = memberIds.Count == 0 ? [] : await db.Payments.AsNoTracking()
            .Where(p => p.MemberId != null && memberIds.Contains(p.MemberId.Value) && p.FailedAt != null && p.PaidAt == null)
            .Select(p => new FailedPaymentRow(p.MemberId!.Value, p.TotalCents, p.Currency, p.CardLast4, p.FailedAt!.Value)).ToListAsync(ct);
        return new VariableSources
        {
            Plans = plans.GroupBy(p => p.CompanyId).ToDictionary(g => g.Key, g => g.ToList()),
            ActiveMembers = active.ToDictionary(a => a.CompanyId, a => a.Count),
            Members = members.ToDictionary(m => m.Id),
            Leads = leads.ToDictionary(l => l.Id),
            CurrentMembership = memberships.GroupBy(m => m.MemberId).ToDictionary(g => g.Key,
                g => g.OrderByDescending(m => MembershipStatuses.Live.Contains(m.Status)).ThenByDescending(m => m.CreatedAt).First()),
            OpenFailure = failures.GroupBy(p => p.MemberId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.FailedAt)!),
        };
    }

    public sealed record MembershipRow(long MemberId, string PlanId, string Status, string? ManageUrl, DateTimeOffset CreatedAt);

    public sealed record FailedPaymentRow(long MemberId, long TotalCents, string Currency, string? CardLast4, DateTimeOffset FailedAt);
}
