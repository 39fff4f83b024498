using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Segments;

/// <param name="Reachable">For leads: how many of them a channel reaches today (NurtureReach); null for members.</param>
public sealed record AudiencePreview(int Count, IReadOnlyList<AudienceSample> Sample, int? Reachable = null);

public sealed record AudienceSample(long SubjectId, string Label);

/// Who target rules select in one company: a count and a sample for the editor, and the facts the in-memory
/// evaluator needs to decide one subject on an event.
public sealed class Audience(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public const int SampleSize = 10;

    /// <param name="emails">Leads only: the playbook has email steps, so consenting leads count as reached.</param>
    public async Task<AudiencePreview> PreviewAsync(string companyId, SubjectKind kind, TargetRule? rule, CancellationToken ct = default, bool emails = false)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var evaluator = new SqlRuleEvaluator(db, time.GetUtcNow());
        if (kind == SubjectKind.Lead)
        {
            var leads = db.Leads.Where(l => l.CompanyId == companyId).Where(evaluator.ForLeads(rule));
            var reach = await Leads.NurtureReach.CountAsync(db, companyId, rule, time.GetUtcNow(), ct, emails);
            return new AudiencePreview(reach.Audience,
                await leads.OrderBy(l => l.Id).Take(SampleSize).Select(l => new AudienceSample(l.Id, l.Name ?? l.Email ?? l.WhopUserId ?? "lead")).ToListAsync(ct),
                reach.Reachable);
        }
        var members = db.Members.Where(m => m.CompanyId == companyId).Where(evaluator.ForMembers(rule));
        return new AudiencePreview(await members.CountAsync(ct),
            await members.OrderBy(m => m.Id).Take(SampleSize)
                .Select(m => new AudienceSample(m.Id, m.Name ?? m.Username ?? m.Email ?? m.WhopUserId)).ToListAsync(ct));
    }

    /// Facts for the company's members (all, or the given ones), in a fixed number of queries.
    public async Task<IReadOnlyList<MemberFacts>> MemberFactsAsync(string companyId, IReadOnlyCollection<long>? memberIds = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LoadMemberFactsAsync(db, companyId, memberIds, ct);
    }

    /// The same, inside the caller's context (and transaction): an event's handler sees its own uncommitted rows. Without
    /// a company, the given members of any company (the dispatcher's batch).
    public static async Task<IReadOnlyList<MemberFacts>> LoadMemberFactsAsync(RevenueAngelDbContext db, string? companyId,
        IReadOnlyCollection<long>? memberIds, CancellationToken ct)
    {
        var members = db.Members.Where(m => (companyId == null || m.CompanyId == companyId) && (memberIds == null || memberIds.Contains(m.Id)));
        var ids = await members.Select(m => new { m.Id, m.CompanyId, m.CreatedAt }).ToListAsync(ct);
        var idList = ids.Select(m => m.Id).ToList();
        // Enrolments are found by company first (its index); by subject alone PostgreSQL reads the whole table.
        var companyIds = ids.Select(m => m.CompanyId).Distinct().ToList();

        var memberships = (await db.Memberships.Where(ms => idList.Contains(ms.MemberId))
                .Select(ms => new { ms.MemberId, ms.Status, ms.PlanId, ms.ProductId, ms.CancelAtPeriodEnd }).ToListAsync(ct))
            .ToLookup(ms => ms.MemberId, ms => new MemberFacts.MembershipFact(ms.Status, ms.PlanId, ms.ProductId, ms.CancelAtPeriodEnd));
        var payments = (await db.Payments.Where(p => p.MemberId != null && idList.Contains(p.MemberId.Value))
                .Select(p => new { MemberId = p.MemberId!.Value, p.TotalCents, Paid = p.PaidAt != null, Failed = p.FailedAt != null, p.DeclineReason })
                .ToListAsync(ct))
            .ToLookup(p => p.MemberId);
        var enrollments = await db.Enrollments
            .Where(e => companyIds.Contains(e.CompanyId) && e.SubjectKind == SubjectKind.Member && idList.Contains(e.SubjectId))
            .Select(e => new { e.Id, e.SubjectId, e.PlaybookId, e.Status }).ToListAsync(ct);
        var enrollmentIds = enrollments.Select(e => e.Id).ToList();
        var subjectOf = enrollments.ToDictionary(e => e.Id, e => e.SubjectId);
        var lastSent = (await db.Sends.Where(s => s.SentAt != null && enrollmentIds.Contains(s.EnrollmentId))
                .Select(s => new { s.EnrollmentId, SentAt = s.SentAt!.Value }).ToListAsync(ct))
            .GroupBy(s => subjectOf[s.EnrollmentId]).ToDictionary(g => g.Key, g => g.Max(s => s.SentAt));
        var active = enrollments.Where(e => e.Status == EnrollmentStatus.Active).ToLookup(e => e.SubjectId, e => e.PlaybookId);

        return ids.Select(m => new MemberFacts(
            m.Id, m.CreatedAt, [.. memberships[m.Id]],
            payments[m.Id].Where(p => p.Paid).Sum(p => p.TotalCents), payments[m.Id].Count(p => p.Failed),
            lastSent.TryGetValue(m.Id, out var last) ? last : null, [.. active[m.Id]],
            [.. payments[m.Id].Where(p => p.Failed && !p.Paid && p.DeclineReason != null).Select(p => StoredEnum<DeclineReason>.ToText(p.DeclineReason!.Value)).Distinct()]))
            .ToList();
    }
}
