using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

/// A company's playbooks as the API and pages read and switch them. Every query is scoped to the company:
/// another company's playbook id is simply not found.
public sealed class PlaybookCatalog(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<PlaybookSummary>> ListAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Playbooks.Where(p => p.CompanyId == companyId)
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Name)
            .Select(p => new PlaybookSummary(p.Id, p.Name, p.Type, p.Enabled, p.Trigger, p.Goal, p.Priority, p.Steps.Count,
                db.Enrollments.Count(e => e.PlaybookId == p.Id && e.Status == EnrollmentStatus.Active)))
            .ToListAsync(ct);
    }

    public async Task<PlaybookDetail?> GetAsync(string companyId, long playbookId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps)
            .SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Id == playbookId, ct);
        if (playbook is null) return null;
        var templateIds = playbook.Steps.Select(s => s.TemplateId).ToList();
        var templates = await db.MessageTemplates.Where(t => t.CompanyId == companyId && templateIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new PlaybookDetail(playbook.Id, playbook.Name, playbook.Type, playbook.Enabled, playbook.Trigger, playbook.Goal,
            playbook.GoalPlanId, playbook.Priority, playbook.ReentryAfterDays, playbook.HoldoutPercent, playbook.TargetRules,
            [.. playbook.Steps.OrderBy(s => s.Position).Select(s => new PlaybookStepView(s.Id, s.Position, s.DelayMinutes, s.Channel, s.TemplateId,
                templates.GetValueOrDefault(s.TemplateId, "")))]);
    }

    /// Switching off stops the playbook's future messages in the same transaction: its active enrolments exit and
    /// their scheduled sends are canceled (set-based). Returns false when the company has no such playbook.
    public async Task<bool> SetEnabledAsync(string companyId, long playbookId, bool enabled, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var playbook = await db.Playbooks.SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Id == playbookId, ct);
        if (playbook is null) return false;
        playbook.Enabled = enabled;
        await db.SaveChangesAsync(ct);
        if (!enabled)
        {
            var now = time.GetUtcNow();
            await db.Sends.Where(s => s.PlaybookId == playbookId && s.Status == SendStatus.Scheduled)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Canceled), ct);
            await db.Enrollments.Where(e => e.PlaybookId == playbookId && e.Status == EnrollmentStatus.Active)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.Status, EnrollmentStatus.Exited)
                    .SetProperty(e => e.EndedAt, now)
                    .SetProperty(e => e.EndReason, "playbook disabled"), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }
}
