using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Core.Playbooks;

/// A company's playbooks as the API and pages read and switch them. Every query is scoped to the company:
/// another company's playbook id is simply not found.
public sealed class PlaybookCatalog(IDbContextFactory<RevenueAngelDbContext> contexts, SegmentEnroller enroller, TimeProvider time)
{
    public async Task<IReadOnlyList<PlaybookSummary>> ListAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var weekAgo = now.AddDays(-7);
        var rows = await db.Playbooks.Where(p => p.CompanyId == companyId && p.DeletedAt == null)
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.Name, p.Type, p.Enabled, p.Trigger, p.Goal, p.Priority, p.TargetRules,
                Steps = p.Steps.Count(s => !s.Archived),
                Emails = p.Steps.Any(s => !s.Archived && (s.Channel == Messaging.MessageChannel.Email || s.FallbackChannel == Messaging.MessageChannel.Email)),
                Active = db.Enrollments.Count(e => e.PlaybookId == p.Id && e.Status == EnrollmentStatus.Active),
                Sends = db.Sends.Count(s => s.PlaybookId == p.Id && s.SentAt >= weekAgo),
                Conversions = db.Enrollments.Count(e => e.PlaybookId == p.Id && e.Status == EnrollmentStatus.Converted && e.EndedAt >= weekAgo),
            })
            .ToListAsync(ct);
        var evaluator = new SqlRuleEvaluator(db, now);
        var summaries = new List<PlaybookSummary>(rows.Count);
        foreach (var p in rows)
        {
            var (rule, problems) = TargetRulesJson.Parse(p.TargetRules, p.Type.Subject());
            var reach = problems.Count == 0 && p.Type == PlaybookType.Nurture ? await Leads.NurtureReach.CountAsync(db, companyId, rule, now, ct, p.Emails) : null;
            var audience = problems.Count > 0 ? 0 : reach?.Audience ?? await evaluator.Matching(companyId, p.Type.Subject(), rule).CountAsync(ct);
            summaries.Add(new PlaybookSummary(p.Id, p.Name, p.Type, p.Enabled, p.Trigger, p.Goal, p.Priority, p.Steps, audience,
                p.Active, p.Sends, p.Conversions, p.Type == PlaybookType.Nurture ? reach?.Reachable ?? 0 : null));
        }
        return summaries;
    }

    public async Task<PlaybookDetail?> GetAsync(string companyId, long playbookId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps).ThenInclude(s => s.Variants)
            .SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Id == playbookId && p.DeletedAt == null, ct);
        if (playbook is null) return null;
        var steps = playbook.Steps.Where(s => !s.Archived).OrderBy(s => s.Position).ToList();
        var templateIds = steps.Select(s => s.TemplateId).Concat(steps.SelectMany(s => s.Variants).Select(v => v.TemplateId)).ToList();
        var templates = await db.MessageTemplates.Where(t => t.CompanyId == companyId && templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return new PlaybookDetail(playbook.Id, playbook.Name, playbook.Type, playbook.Enabled, playbook.Trigger, playbook.Goal,
            playbook.GoalPlanId, playbook.Priority, playbook.ReentryAfterDays, playbook.HoldoutPercent, playbook.Tone, playbook.TargetRules,
            playbook.ExitRules,
            [.. steps.Select(s => (Step: s, Template: templates[s.TemplateId])).Select(x => new PlaybookStepView(x.Step.Id, x.Step.Position,
                x.Step.DelayMinutes, x.Step.Channel, x.Template.Title, x.Template.Body, x.Template.CtaLabel, x.Template.CtaUrl, x.Step.Purpose, x.Step.Offer, x.Step.Timing,
                x.Step.FallbackChannel, x.Template.Preheader, 100 - x.Step.Variants.Sum(v => v.Percent),
                x.Step.Variants.Count == 0 ? null : [.. x.Step.Variants.OrderBy(v => v.Key).Select(v => VariantView(v, templates[v.TemplateId]))]))],
            playbook.CustomTone, Dunning.RetryPaydays.Parse(playbook.OwnRetryDays), playbook.OwnRetryLimit,
            Offers.CancelOfferRoutes.Parse(playbook.CancelOfferRoutes), playbook.OwnRetryAfterClick);
    }

    private static PlaybookVariantView VariantView(PlaybookStepVariant variant, MessageTemplate template) =>
        new(variant.Key, variant.Percent, template.Title, template.Body, template.CtaLabel, template.CtaUrl, template.Preheader);

    /// The latest sends of a playbook, newest first, for its page.
    public async Task<IReadOnlyList<SendRow>> RecentSendsAsync(string companyId, long playbookId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sends.Where(s => s.CompanyId == companyId && s.PlaybookId == playbookId)
            .OrderByDescending(s => s.Id).Take(take)
            .Join(db.PlaybookSteps, s => s.StepId, st => st.Id, (s, st) => new { s, st.Position })
            .Join(db.Enrollments, x => x.s.EnrollmentId, e => e.Id, (x, e) => new SendRow(x.s.Id, x.Position, e.SubjectKind, e.SubjectId,
                x.s.Channel, x.s.Status, x.s.ScheduledFor, x.s.SentAt, x.s.Title, x.s.LastError))
            .ToListAsync(ct);
    }

    /// Switching on enrols the current audience at once (the scheduler would within a minute); switching off stops the
    /// playbook's future messages in the same transaction: its active enrolments exit and their scheduled sends are
    /// canceled (set-based). Returns false when the company has no such playbook.
    public async Task<bool> SetEnabledAsync(CompanyScope company, long playbookId, bool enabled, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var playbook = await db.Playbooks.SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Id == playbookId && p.DeletedAt == null, ct);
        if (playbook is null) return false;
        playbook.Enabled = enabled;
        playbook.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (!enabled) await SequenceStops.StopPlaybookAsync(db, playbookId, time.GetUtcNow(), "playbook disabled", ct);
        await transaction.CommitAsync(ct);
        if (enabled) await enroller.EnrollAsync(playbookId, ct);
        return true;
    }
}

public sealed record SendRow(long Id, int Step, SubjectKind SubjectKind, long SubjectId, Messaging.MessageChannel Channel, SendStatus Status,
    DateTimeOffset ScheduledFor, DateTimeOffset? SentAt, string? Title, string? Error);
