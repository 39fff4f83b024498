using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Leads;

/// "Lead captured": a new lead enters the company's enabled Nurture playbooks at once, where their target rules
/// (decided in memory on the lead) take it, instead of at the scheduler's next minute. The same enrolment the
/// scheduler would make: if it makes it first, the unique key turns this one into a no-op.
public sealed class LeadEnroller(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public async Task<int> EnrollAsync(string companyId, long leadId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == leadId && l.CompanyId == companyId, ct);
        if (lead is null || lead.Status is LeadStatus.Converted or LeadStatus.Unsubscribed) return 0;
        var playbooks = await db.Playbooks.AsNoTracking().Include(p => p.Steps)
            .Where(p => p.CompanyId == companyId && p.Enabled && p.DeletedAt == null && p.Type == PlaybookType.Nurture && p.Trigger == PlaybookTrigger.SegmentEntry)
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var facts = new LeadFacts(lead.Id, lead.Source, StoredEnum<LeadStatus>.ToText(lead.Status), lead.CapturedAt);
        var enrolled = 0;
        foreach (var playbook in playbooks)
        {
            var (rule, problems) = TargetRulesJson.Parse(playbook.TargetRules, SubjectKind.Lead);
            if (problems.Count > 0 || !InMemoryRuleEvaluator.Matches(rule, facts, now)) continue;
            var mine = db.Enrollments.Where(e => e.PlaybookId == playbook.Id && e.SubjectKind == SubjectKind.Lead && e.SubjectId == leadId);
            if (await mine.Where(EntryRules.Blocks(EntryRules.ReentryCutoff(playbook, now))).AnyAsync(ct)) continue;
            if (await TryEnrollAsync(db, playbook, leadId, await mine.CountAsync(ct) + 1, now, ct)) enrolled++;
        }
        return enrolled;
    }

    private static async Task<bool> TryEnrollAsync(RevenueAngelDbContext db, Playbook playbook, long leadId, int entry, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enrollment = new Enrollment
        {
            CompanyId = playbook.CompanyId, PlaybookId = playbook.Id, SubjectKind = SubjectKind.Lead, SubjectId = leadId, EntryNumber = entry,
            Group = HoldoutSplit.GroupOf(playbook.Id, SubjectKind.Lead, leadId, playbook.HoldoutPercent), EnteredAt = now,
        };
        db.Enrollments.Add(enrollment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The scheduler enrolled this lead meanwhile.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
        }
        if (enrollment.Group != HoldoutSplit.Holdout)
        {
            foreach (var (step, due) in EntryRules.StepDueTimes(playbook, now, null))
                db.Sends.Add(Send.Schedule(playbook.CompanyId, playbook.Id, step.Id, enrollment.Id, step.Channel, due));
            await db.SaveChangesAsync(ct);
        }
        await LeadStatuses.MarkNurturingAsync(db, playbook.CompanyId, ct, leadId);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }
}
