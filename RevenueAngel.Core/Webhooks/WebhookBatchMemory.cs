using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// What one transaction of the webhook processor has already read or written, so the events of its batch do not
/// each ask the database again: companies (no handler changes them), plans known to exist, and, read up front for
/// the whole batch, its companies, plans, members and which of its payments are stored. A miss is trusted: a row another transaction
/// inserts meanwhile makes this batch's insert fail on its unique key, and the processor then applies the batch again
/// event by event with a fresh memory that asks the database every time. The memory lives exactly as long as the
/// work it remembers (a rolled-back event must not leave behind a row that only the memory still has).
/// Plans are never written inside the batch (WebhookPlans fetches unknown ones from Whop before it starts), so
/// what is known about them holds for every event; a plan Whop could not give comes with the reason.
public sealed class WebhookBatchMemory(IReadOnlyDictionary<string, string>? planProblems = null, IEnumerable<string>? knownPlans = null)
{
    private readonly Dictionary<string, Company?> _companies = [];
    private readonly HashSet<string> _plans = [.. knownPlans ?? []];
    private HashSet<string>? _storedPayments;
    private HashSet<string>? _adjustedPayments;
    private Dictionary<(string CompanyId, string WhopUserId), Member>? _members;
    private List<(string CompanyId, string PlanId)> _unknownPlans = [];

    /// Plans the batch's events name that are not stored, of installed companies, that Whop has not been asked for yet.
    public IReadOnlyList<(string CompanyId, string PlanId)> PlansToFetch => _unknownPlans;

    public IEnumerable<string> KnownPlans => _plans;

    /// A few reads for the batch instead of several per event: its companies, plans, members, and which of its
    /// payments are stored.
    internal async Task ReadAheadAsync(RevenueAngelDbContext db, IReadOnlyList<EventSubjects> subjects, CancellationToken ct)
    {
        var eventCompanies = subjects.Select(s => s.CompanyId).OfType<string>().Distinct().ToList();
        var found = await db.Companies.AsNoTracking().Where(c => eventCompanies.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var id in eventCompanies) _companies[id] = found.GetValueOrDefault(id);
        var planIds = subjects.Select(s => s.PlanId).OfType<string>().Distinct().ToList();
        _plans.UnionWith(await db.Plans.Where(p => planIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct));
        _unknownPlans = [.. subjects.Where(s => s.PlanId is not null && s.CompanyId is not null && !_plans.Contains(s.PlanId)
                && found.ContainsKey(s.CompanyId) && planProblems?.ContainsKey(s.PlanId) != true)
            .Select(s => (s.CompanyId!, s.PlanId!)).Distinct()];

        var paymentIds = subjects.Select(s => s.PaymentId).OfType<string>().Distinct().ToList();
        var users = subjects.Where(s => s.CompanyId is not null && s.WhopUserId is not null).Select(s => (s.CompanyId!, s.WhopUserId!)).ToHashSet();
        var companyIds = users.Select(u => u.Item1).Distinct().ToList();
        var userIds = users.Select(u => u.Item2).Distinct().ToList();

        _storedPayments = [.. await db.Payments.Where(p => paymentIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)];
        // The payments that have adjustments, or will once the batch's refunds and disputes are applied; one of those
        // naming no readable payment rules nothing out.
        _adjustedPayments = subjects.Any(s => s.MovesMoney && s.AdjustedPaymentId is null) ? null
            : [.. await db.RevenueAdjustments.Where(a => paymentIds.Contains(a.WhopPaymentId)).Select(a => a.WhopPaymentId).Distinct().ToListAsync(ct),
                .. subjects.Select(s => s.AdjustedPaymentId).OfType<string>()];
        _members = (await db.Members.AsNoTracking().Where(m => companyIds.Contains(m.CompanyId) && userIds.Contains(m.WhopUserId)).ToListAsync(ct))
            .Where(m => users.Contains((m.CompanyId, m.WhopUserId)))
            .ToDictionary(m => (m.CompanyId, m.WhopUserId));
    }

    public async Task<Company?> CompanyAsync(RevenueAngelDbContext db, string companyId, CancellationToken ct)
    {
        if (!_companies.TryGetValue(companyId, out var company))
            _companies[companyId] = company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, ct);
        return company;
    }

    public bool KnowsPlan(string planId) => _plans.Contains(planId);

    public void RememberPlan(string planId) => _plans.Add(planId);

    /// Why Whop did not give the plan in this run, if it was asked.
    public string? PlanProblem(string planId) => planProblems?.GetValueOrDefault(planId);

    /// False when the payment may be stored and the database must be asked.
    public bool KnowsPaymentIsNew(string paymentId) => _storedPayments is { } stored && !stored.Contains(paymentId);

    public void RememberPayment(string paymentId) => _storedPayments?.Add(paymentId);

    /// False only when the batch was read ahead and neither a stored adjustment nor one of its refunds or disputes names the payment.
    public bool MayHaveAdjustments(string paymentId) => _adjustedPayments is not { } adjusted || adjusted.Contains(paymentId);

    /// True when the memory knows whether the member is stored: then <paramref name="member"/> is a fresh, untracked
    /// copy of the stored row, or null when there is none.
    public bool TryRecallMember(string companyId, string whopUserId, out Member? member)
    {
        member = null;
        if (_members is null) return false;
        if (_members.TryGetValue((companyId, whopUserId), out var stored)) member = CopyOf(stored);
        return true;
    }

    public void RememberMember(Member member)
    {
        if (_members is not null) _members[(member.CompanyId, member.WhopUserId)] = member;
    }

    private static Member CopyOf(Member m) => new()
    {
        Id = m.Id, CompanyId = m.CompanyId, WhopUserId = m.WhopUserId, WhopMemberId = m.WhopMemberId, Email = m.Email, Name = m.Name,
        Username = m.Username, CreatedAt = m.CreatedAt,
    };
}
