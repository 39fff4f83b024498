using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Webhooks;

/// What one transaction of the webhook processor has already read or written, so the events of its batch do not
/// each ask the database again: companies (no handler changes them), plans known to exist, and, read up front for
/// the whole batch, its companies, plans, members, memberships, which of its payments are stored or converted, its
/// members' payment history and which of them were ever enrolled. A miss is trusted: a row another transaction
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
    private HashSet<string>? _membershipsRead;
    private readonly Dictionary<string, Membership> _memberships = [];
    private Dictionary<string, long>? _conversions;
    private HashSet<string> _conversionsRead = [];
    private HashSet<string>? _pendingSaves;
    private Dictionary<long, Dictionary<string, PaymentFact>>? _history;
    private HashSet<long>? _enrolled;
    private readonly Dictionary<string, Plan?> _planRows = [];
    private readonly Dictionary<(string, PlaybookTrigger), bool> _triggered = [];
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

        var membershipIds = subjects.Select(s => s.MembershipId).OfType<string>().Distinct().ToList();
        _membershipsRead = [.. membershipIds];
        foreach (var m in await db.Memberships.AsNoTracking().Where(m => membershipIds.Contains(m.Id)).ToListAsync(ct)) _memberships[m.Id] = m;
        var convertible = paymentIds.Concat(subjects.Select(s => s.AdjustedPaymentId).OfType<string>()).Distinct().ToList();
        _conversionsRead = [.. convertible];
        _conversions = await db.Conversions.Where(c => convertible.Contains(c.WhopPaymentId)).ToDictionaryAsync(c => c.WhopPaymentId, c => c.Id, ct);
        _pendingSaves = [.. await db.Conversions.Where(c => c.WhopMembershipId != null && membershipIds.Contains(c.WhopMembershipId)
            && c.Type == ConversionType.Save && c.State == ConversionState.Pending).Select(c => c.WhopMembershipId!).Distinct().ToListAsync(ct)];
        var memberIds = _members.Values.Select(m => m.Id).ToList();
        _history = memberIds.ToDictionary(id => id, _ => new Dictionary<string, PaymentFact>());
        foreach (var p in await db.Payments.AsNoTracking().Where(p => p.MemberId != null && memberIds.Contains(p.MemberId.Value))
                     .Select(p => new PaymentFact(p.Id, p.CompanyId, p.MemberId!.Value, p.PlanId, p.PaidAt, p.FailedAt, p.TotalCents)).ToListAsync(ct))
            _history[p.MemberId][p.Id] = p;
        _enrolled = [.. await db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Member && memberIds.Contains(e.SubjectId))
            .Select(e => e.SubjectId).Distinct().ToListAsync(ct)];
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
        if (_members is null) return;
        // A member the batch creates has no payments or enrolments but the ones the batch makes.
        if (!_members.ContainsKey((member.CompanyId, member.WhopUserId))) _history?.TryAdd(member.Id, []);
        _members[(member.CompanyId, member.WhopUserId)] = member;
    }

    /// True when the memory knows whether the membership is stored: then <paramref name="row"/> is a fresh, untracked
    /// copy of the stored row, or null when there is none.
    public bool TryRecallMembership(string id, out Membership? row)
    {
        row = null;
        if (_membershipsRead is null || !_membershipsRead.Contains(id)) return false;
        if (_memberships.TryGetValue(id, out var stored)) row = CopyOf(stored);
        return true;
    }

    /// After the event has set the row's state: later events of the batch recall it as it is now.
    public void RememberMembership(Membership row)
    {
        if (_membershipsRead is null) return;
        _membershipsRead.Add(row.Id);
        _memberships[row.Id] = CopyOf(row);
    }

    /// False when the payment may have a conversion (or the batch was not read ahead) and the database must be asked.
    public bool KnowsNoConversion(string paymentId) => ConversionOf(paymentId) is (true, null);

    /// The conversion of the payment when the memory knows whether there is one (Known false: ask the database).
    public (bool Known, long? Id) ConversionOf(string paymentId) =>
        _conversions is not { } known || !_conversionsRead.Contains(paymentId) ? (false, null)
        : known.TryGetValue(paymentId, out var id) ? (true, id) : (true, null);

    public void RememberConversion(string paymentId, long id)
    {
        if (_conversions is null) return;
        _conversionsRead.Add(paymentId);
        _conversions[paymentId] = id;
    }

    /// False only when the batch was read ahead and the membership has no pending save, stored or recorded by this batch.
    public bool MayHavePendingSave(string membershipId) => _pendingSaves is not { } pending || pending.Contains(membershipId);

    public void RememberPendingSave(string membershipId) => _pendingSaves?.Add(membershipId);

    /// The member's stored payments and those this batch wrote, or null when the memory does not hold them.
    public IReadOnlyCollection<PaymentFact>? PaymentsOf(long memberId) =>
        _history is { } history && history.TryGetValue(memberId, out var payments) ? payments.Values : null;

    public void RememberPayment(Payment row)
    {
        _storedPayments?.Add(row.Id);
        if (_history is null || row.MemberId is not { } memberId) return;
        if (!_history.TryGetValue(memberId, out var payments)) return;
        payments[row.Id] = new PaymentFact(row.Id, row.CompanyId, memberId, row.PlanId, row.PaidAt, row.FailedAt, row.TotalCents);
    }

    /// False only when the batch was read ahead and the member has no enrolment, stored or made by this batch: then it
    /// has no sequence to convert, end or credit.
    public bool MayBeEnrolled(long memberId) => _enrolled is not { } enrolled || _history?.ContainsKey(memberId) != true || enrolled.Contains(memberId);

    public void RememberEnrolled(long memberId) => _enrolled?.Add(memberId);

    /// A stored plan, read once per batch (no handler writes plans).
    public async Task<Plan?> PlanAsync(RevenueAngelDbContext db, string planId, CancellationToken ct)
    {
        if (!_planRows.TryGetValue(planId, out var plan))
            _planRows[planId] = plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct);
        return plan;
    }

    /// Whether the company has a playbook the trigger enrols into, asked once per batch (no handler writes playbooks).
    public async Task<bool> AnyPlaybookForAsync(RevenueAngelDbContext db, string companyId, PlaybookTrigger trigger, CancellationToken ct)
    {
        if (!_triggered.TryGetValue((companyId, trigger), out var any))
            _triggered[(companyId, trigger)] = any = await EventEnroller.Triggered(db, companyId, trigger).AnyAsync(ct);
        return any;
    }

    private static Membership CopyOf(Membership m) => new()
    {
        Id = m.Id, CompanyId = m.CompanyId, MemberId = m.MemberId, PlanId = m.PlanId, ProductId = m.ProductId, Status = m.Status,
        CancelAtPeriodEnd = m.CancelAtPeriodEnd, RenewalPeriodEnd = m.RenewalPeriodEnd, ManageUrl = m.ManageUrl, CancelOption = m.CancelOption,
        CreatedAt = m.CreatedAt, UpdatedAt = m.UpdatedAt,
    };

    private static Member CopyOf(Member m) => new()
    {
        Id = m.Id, CompanyId = m.CompanyId, WhopUserId = m.WhopUserId, WhopMemberId = m.WhopMemberId, Email = m.Email, Name = m.Name,
        Username = m.Username, CreatedAt = m.CreatedAt,
    };
}
