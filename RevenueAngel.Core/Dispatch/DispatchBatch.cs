using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Email;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Dispatch;

/// One claimed batch and everything its checks, variables and render need, read in a fixed number of statements
/// whatever its size: the sends (tracked, so their outcomes are written together), their enrolments, playbooks with
/// every step and variant, templates, companies, the subjects and their facts, the subjects' other running
/// sequences, their recent messages (frequency cap), the suppressed addresses among them, and the variables' rows.
internal sealed class DispatchBatch
{
    private readonly Dictionary<(string CompanyId, SubjectKind Kind, long SubjectId), List<DateTimeOffset>> _recent;

    private DispatchBatch(Dictionary<(string, SubjectKind, long), List<DateTimeOffset>> recent) => _recent = recent;

    /// In the order they were claimed (priority, then due time).
    public required IReadOnlyList<Send> Sends { get; init; }
    public required IReadOnlyDictionary<long, Enrollment> Enrollments { get; init; }
    public required IReadOnlyDictionary<long, Playbook> Playbooks { get; init; }
    public required IReadOnlyDictionary<long, PlaybookStep> Steps { get; init; }
    public required IReadOnlyDictionary<long, MessageTemplate> Templates { get; init; }
    public required IReadOnlyDictionary<string, Company> Companies { get; init; }
    public required IReadOnlyDictionary<long, MemberFacts> MemberFacts { get; init; }
    public required VariableSources Variables { get; init; }
    /// Active enrolments of the batch's subjects, by subject, with their playbook.
    public required ILookup<(string CompanyId, SubjectKind Kind, long SubjectId), Enrollment> RunningFor { get; init; }
    public required IReadOnlySet<(string CompanyId, string Address)> Suppressed { get; init; }

    /// The subject's messages sent within the window, newest first, including those this batch let through so far.
    public IEnumerable<DateTimeOffset> SentSince(string companyId, SubjectKind kind, long subjectId, DateTimeOffset since) =>
        _recent.TryGetValue((companyId, kind, subjectId), out var at) ? at.Where(t => t > since).OrderDescending() : [];

    /// A send of this batch goes ahead: it counts towards the frequency cap of the sends after it.
    public void CountTowardsCap(string companyId, SubjectKind kind, long subjectId, DateTimeOffset at)
    {
        if (!_recent.TryGetValue((companyId, kind, subjectId), out var list)) _recent[(companyId, kind, subjectId)] = list = [];
        list.Add(at);
    }

    public bool IsLastStep(Send send) =>
        Steps.TryGetValue(send.StepId, out var step)
        && !Steps.Values.Any(s => s.PlaybookId == send.PlaybookId && !s.Archived && s.Position > step.Position);

    public static async Task<DispatchBatch> LoadAsync(RevenueAngelDbContext db, IReadOnlyList<long> sendIds, DateTimeOffset now, CancellationToken ct)
    {
        var order = sendIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var sends = (await db.Sends.Where(s => sendIds.Contains(s.Id)).ToListAsync(ct)).OrderBy(s => order[s.Id]).ToList();
        var enrollmentIds = sends.Select(s => s.EnrollmentId).Distinct().ToList();
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var companyIds = sends.Select(s => s.CompanyId).Distinct().ToList();
        var subjectIds = enrollments.Values.Select(e => e.SubjectId).Distinct().ToList();
        var running = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Active && companyIds.Contains(e.CompanyId) && subjectIds.Contains(e.SubjectId))
            .ToListAsync(ct);
        var subjects = enrollments.Values.Select(e => (e.CompanyId, e.SubjectKind, e.SubjectId)).ToHashSet();
        running = [.. running.Where(e => subjects.Contains((e.CompanyId, e.SubjectKind, e.SubjectId)))];

        var playbookIds = sends.Select(s => s.PlaybookId).Concat(running.Select(e => e.PlaybookId)).Distinct().ToList();
        var playbooks = await db.Playbooks.AsNoTracking().Where(p => playbookIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var batchPlaybooks = sends.Select(s => s.PlaybookId).Distinct().ToList();
        var steps = await db.PlaybookSteps.AsNoTracking().Include(s => s.Variants).Where(s => batchPlaybooks.Contains(s.PlaybookId))
            .ToDictionaryAsync(s => s.Id, ct);
        var templateIds = sends.Where(s => steps.ContainsKey(s.StepId)).Select(s => steps[s.StepId])
            .SelectMany(s => s.Variants.Select(v => v.TemplateId).Append(s.TemplateId)).Distinct().ToList();
        var templates = await db.MessageTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var memberIds = enrollments.Values.Where(e => e.SubjectKind == SubjectKind.Member).Select(e => e.SubjectId).Distinct().ToList();
        var leadIds = enrollments.Values.Where(e => e.SubjectKind == SubjectKind.Lead).Select(e => e.SubjectId).Distinct().ToList();
        var facts = memberIds.Count == 0 ? [] : await Audience.LoadMemberFactsAsync(db, null, memberIds, ct);
        var variables = await VariableSources.LoadAsync(db, companyIds, memberIds, leadIds, ct, SubjectVariables.CountsMembers(templates.Values));

        // Every message of these subjects within the widest frequency window of the batch's companies.
        var since = now.AddDays(-companies.Values.Select(c => c.FrequencyCapDays).DefaultIfEmpty(0).Max());
        var recent = await db.Sends.AsNoTracking()
            .Where(s => companyIds.Contains(s.CompanyId) && s.SentAt > since)
            .Join(db.Enrollments.Where(e => companyIds.Contains(e.CompanyId) && subjectIds.Contains(e.SubjectId)), s => s.EnrollmentId, e => e.Id,
                (s, e) => new { s.CompanyId, e.SubjectKind, e.SubjectId, SentAt = s.SentAt!.Value })
            .ToListAsync(ct);

        var addresses = variables.Leads.Values.Select(l => l.Email).Concat(variables.Members.Values.Select(m => m.Email))
            .OfType<string>().Select(Leads.Lead.NormalizeEmail).Distinct().ToList();
        var suppressed = addresses.Count == 0 ? [] : await db.EmailSuppressions.AsNoTracking()
            .Where(s => companyIds.Contains(s.CompanyId) && addresses.Contains(s.Address) && s.RemovedAt == null)
            .Select(s => new { s.CompanyId, s.Address }).ToListAsync(ct);

        return new DispatchBatch(recent.GroupBy(r => (r.CompanyId, r.SubjectKind, r.SubjectId)).ToDictionary(g => g.Key, g => g.Select(r => r.SentAt).ToList()))
        {
            Sends = sends,
            Enrollments = enrollments,
            Playbooks = playbooks,
            Steps = steps,
            Templates = templates,
            Companies = companies,
            MemberFacts = facts.ToDictionary(f => f.MemberId),
            Variables = variables,
            RunningFor = running.ToLookup(e => (e.CompanyId, e.SubjectKind, e.SubjectId)),
            Suppressed = suppressed.Select(s => (s.CompanyId, s.Address)).ToHashSet(),
        };
    }
}
