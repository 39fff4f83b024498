using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Core.Playbooks;

/// Creates, edits, clones and deletes a company's playbooks. A save validates everything first and writes all or
/// nothing; a step removed after it has sent keeps its row (archived) for the history.
public sealed class PlaybookEditor(IDbContextFactory<RevenueAngelDbContext> contexts, PlaybookValidator validator, TimeProvider time)
{
    public async Task<PlaybookDraft?> DraftOfAsync(string companyId, long playbookId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await FindAsync(db, companyId, playbookId, ct);
        if (playbook is null) return null;
        var steps = playbook.Steps.Where(s => !s.Archived).OrderBy(s => s.Position).ToList();
        var templateIds = steps.Select(s => s.TemplateId).Concat(steps.SelectMany(s => s.Variants).Select(v => v.TemplateId)).ToList();
        var templates = await db.MessageTemplates.Where(t => t.CompanyId == companyId && templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return new PlaybookDraft
        {
            Name = playbook.Name, Type = playbook.Type, Trigger = playbook.Trigger, TargetRules = playbook.TargetRules, ExitRules = playbook.ExitRules,
            Goal = playbook.Goal, GoalPlanId = playbook.GoalPlanId, Priority = playbook.Priority, ReentryAfterDays = playbook.ReentryAfterDays,
            HoldoutPercent = playbook.HoldoutPercent, Tone = playbook.Tone, CustomTone = playbook.CustomTone,
            OwnRetryDays = [.. Dunning.RetryPaydays.Parse(playbook.OwnRetryDays)], OwnRetryLimit = playbook.OwnRetryLimit, OwnRetryAfterClick = playbook.OwnRetryAfterClick,
            CancelOfferRoutes = Offers.CancelOfferRoutes.Parse(playbook.CancelOfferRoutes).ToDictionary(),
            Steps = [.. steps.Select(s => new StepDraft
            {
                Id = s.Id, DelayMinutes = s.DelayMinutes, Timing = s.Timing, Channel = s.Channel, FallbackChannel = s.FallbackChannel,
                Preheader = templates[s.TemplateId].Preheader, Purpose = s.Purpose, Title = templates[s.TemplateId].Title,
                Body = templates[s.TemplateId].Body, CtaLabel = templates[s.TemplateId].CtaLabel, CtaUrl = templates[s.TemplateId].CtaUrl,
                Percent = 100 - s.Variants.Sum(v => v.Percent),
                Offer = s.Offer,
                Variants = [.. s.Variants.OrderBy(v => v.Key).Select(v => new StepVariantDraft
                {
                    Key = v.Key, Percent = v.Percent, Title = templates[v.TemplateId].Title, Body = templates[v.TemplateId].Body,
                    CtaLabel = templates[v.TemplateId].CtaLabel, CtaUrl = templates[v.TemplateId].CtaUrl, Preheader = templates[v.TemplateId].Preheader,
                })],
            })],
        };
    }

    /// A new playbook, switched off until the creator enables it.
    public async Task<PlaybookSaveResult> CreateAsync(CompanyScope company, PlaybookDraft draft, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ProblemsAsync(db, companyId, draft, ct) is { Count: > 0 } problems) return PlaybookSaveResult.Invalid(problems);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var playbook = new Playbook { CompanyId = companyId, Name = draft.Name.Trim(), Type = draft.Type, CreatedAt = now };
        Apply(draft, playbook, now);
        db.Playbooks.Add(playbook);
        await WriteStepsAsync(db, playbook, draft, now, ct);
        await transaction.CommitAsync(ct);
        return new PlaybookSaveResult(playbook.Id, new Dictionary<string, string[]>());
    }

    /// Replaces the playbook's settings and steps. Steps are matched by id; new ones get sends on the scheduler's next
    /// run; removed ones cancel their scheduled sends.
    public async Task<PlaybookSaveResult> UpdateAsync(CompanyScope company, long playbookId, PlaybookDraft draft, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await FindAsync(db, companyId, playbookId, ct, tracked: true);
        if (playbook is null) return PlaybookSaveResult.NotFound;
        var problems = (await ProblemsAsync(db, companyId, draft, ct)).ToDictionary();
        if (draft.Type != playbook.Type) problems["type"] = ["A playbook's type cannot change; create a new playbook instead."];
        var live = playbook.Steps.Where(s => !s.Archived).Select(s => s.Id).ToHashSet();
        foreach (var (step, i) in draft.Steps.Select((s, i) => (s, i)))
            if (step.Id is { } id && !live.Contains(id)) problems[$"steps[{i}].id"] = [$"Step {id} is not part of this playbook."];
        if (problems.Count > 0) return PlaybookSaveResult.Invalid(problems);

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Apply(draft, playbook, now);
        await WriteStepsAsync(db, playbook, draft, now, ct);
        await transaction.CommitAsync(ct);
        return new PlaybookSaveResult(playbook.Id, new Dictionary<string, string[]>());
    }

    /// Hides the playbook, stops its sequences and keeps its history. False when the company has no such playbook.
    public async Task<bool> DeleteAsync(CompanyScope company, long playbookId, CancellationToken ct = default)
    {
        var companyId = company.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var playbook = await FindAsync(db, companyId, playbookId, ct, tracked: true);
        if (playbook is null) return false;
        var now = time.GetUtcNow();
        (playbook.DeletedAt, playbook.Enabled, playbook.UpdatedAt) = (now, false, now);
        await db.SaveChangesAsync(ct);
        await SequenceStops.StopPlaybookAsync(db, playbookId, now, "playbook deleted", ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<PlaybookSaveResult> CloneAsync(CompanyScope company, long playbookId, CancellationToken ct = default)
    {
        var companyId = company.Id;
        var draft = await DraftOfAsync(companyId, playbookId, ct);
        if (draft is null) return PlaybookSaveResult.NotFound;
        draft.Name = draft.Name.Length > 190 ? draft.Name[..190] + " (copy)" : draft.Name + " (copy)";
        foreach (var step in draft.Steps) step.Id = null;
        foreach (var variant in draft.Steps.SelectMany(s => s.Variants)) variant.Key = null;
        return await CreateAsync(company, draft, ct);
    }

    /// One of the library's playbooks in the chosen tone, switched off.
    public async Task<long?> CreateFromLibraryAsync(CompanyScope company, string key, MessageTone tone, CancellationToken ct = default)
    {
        var companyId = company.Id;
        if (PlaybookLibrary.Find(key) is not { } blueprint || !blueprint.Steps[0].Copy.ContainsKey(tone)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Playbooks.Where(p => p.CompanyId == companyId && p.DeletedAt == null).Select(p => p.Name).ToListAsync(ct);
        var name = Enumerable.Range(1, 100).Select(n => n == 1 ? blueprint.Name : $"{blueprint.Name} ({n})").First(n => !taken.Contains(n));
        var playbook = await DefaultPlaybooks.AddAsync(db, blueprint, companyId, tone, time.GetUtcNow(), enabled: false, ct, name);
        await transaction.CommitAsync(ct);
        return playbook.Id;
    }

    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(string companyId, PlaybookDraft draft, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ProblemsAsync(db, companyId, draft, ct);
    }

    private async Task<IReadOnlyDictionary<string, string[]>> ProblemsAsync(RevenueAngelDbContext db, string companyId, PlaybookDraft draft, CancellationToken ct)
    {
        var plans = await db.Plans.Where(p => p.CompanyId == companyId).Select(p => p.Id).ToListAsync(ct);
        return validator.Validate(draft, plans);
    }

    private static Task<Playbook?> FindAsync(RevenueAngelDbContext db, string companyId, long playbookId, CancellationToken ct, bool tracked = false)
    {
        var query = db.Playbooks.Include(p => p.Steps).ThenInclude(s => s.Variants).Where(p => p.CompanyId == companyId && p.Id == playbookId && p.DeletedAt == null);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
    }

    private static void Apply(PlaybookDraft draft, Playbook playbook, DateTimeOffset now)
    {
        playbook.Name = draft.Name.Trim();
        playbook.Trigger = draft.Trigger;
        playbook.TargetRules = string.IsNullOrWhiteSpace(draft.TargetRules) ? "{}" : draft.TargetRules;
        playbook.ExitRules = string.IsNullOrWhiteSpace(draft.ExitRules) ? "{}" : draft.ExitRules;
        playbook.Goal = draft.Goal;
        playbook.GoalPlanId = string.IsNullOrWhiteSpace(draft.GoalPlanId) ? null : draft.GoalPlanId;
        playbook.Priority = draft.Priority;
        playbook.ReentryAfterDays = draft.ReentryAfterDays;
        playbook.HoldoutPercent = draft.HoldoutPercent;
        playbook.Tone = draft.Tone;
        playbook.OwnRetryDays = draft.Trigger == PlaybookTrigger.PaymentFailed ? Dunning.RetryPaydays.Write(draft.OwnRetryDays) : null;
        playbook.OwnRetryLimit = draft.OwnRetryLimit;
        playbook.OwnRetryAfterClick = draft.OwnRetryAfterClick;
        playbook.CancelOfferRoutes = draft.Trigger == PlaybookTrigger.CancelRequested ? Offers.CancelOfferRoutes.Write(draft.CancelOfferRoutes) : null;
        playbook.CustomTone = draft.Tone == MessageTone.Custom && !string.IsNullOrWhiteSpace(draft.CustomTone) ? draft.CustomTone.Trim() : null;
        playbook.UpdatedAt = now;
    }

    private static async Task WriteStepsAsync(RevenueAngelDbContext db, Playbook playbook, PlaybookDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var existing = playbook.Steps.Where(s => !s.Archived).ToDictionary(s => s.Id);
        var templateIds = existing.Values.Select(s => s.TemplateId).ToList();
        var templates = await db.MessageTemplates.Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var kept = draft.Steps.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();

        foreach (var removed in existing.Values.Where(s => !kept.Contains(s.Id)))
        {
            var removedId = removed.Id;
            await db.Sends.Where(s => s.StepId == removedId && s.Status == SendStatus.Scheduled)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SendStatus.Canceled).SetProperty(s => s.LastError, "step removed"), ct);
            if (await db.Sends.AnyAsync(s => s.StepId == removedId, ct))
            {
                removed.Archived = true;
                removed.Position = 0;
            }
            else
            {
                playbook.Steps.Remove(removed);
                db.PlaybookSteps.Remove(removed);
            }
        }

        var name = playbook.Name;
        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var input = draft.Steps[i];
            var step = input.Id is { } id ? existing.GetValueOrDefault(id) : null;
            var template = step is null
                ? db.MessageTemplates.Add(new MessageTemplate { CompanyId = playbook.CompanyId, Name = "", Title = "", Body = "", CreatedAt = now }).Entity
                : templates[step.TemplateId];
            template.Name = TemplateName(name, $" · step {i + 1}");
            template.Tone = draft.Tone;
            (template.Title, template.Body) = (input.Title.Trim(), input.Body.Trim());
            template.CtaLabel = string.IsNullOrWhiteSpace(input.CtaLabel) ? null : input.CtaLabel.Trim();
            template.CtaUrl = string.IsNullOrWhiteSpace(input.CtaUrl) ? null : input.CtaUrl.Trim();
            template.Preheader = input.ToTemplate(playbook.CompanyId).Preheader;
            template.UpdatedAt = now;
            if (step is null)
            {
                // The step points at the template: it needs the template's id first.
                await db.SaveChangesAsync(ct);
                step = new PlaybookStep { TemplateId = template.Id };
                playbook.Steps.Add(step);
            }
            step.Position = i + 1;
            step.DelayMinutes = input.DelayMinutes;
            step.Timing = input.Timing;
            step.Channel = input.Channel;
            step.FallbackChannel = input.FallbackChannel == input.Channel ? null : input.FallbackChannel;
            step.Purpose = input.Purpose;
            step.Offer = input.Offer;
            await WriteVariantsAsync(db, playbook, step, input, TemplateName(name, $" · step {i + 1}"), draft.Tone, now, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// Variants are matched by key; a new one takes the next free letter. A removed variant's row goes (its sends keep
    /// the copy they delivered and their variant key).
    private static async Task WriteVariantsAsync(RevenueAngelDbContext db, Playbook playbook, PlaybookStep step, StepDraft input, string name,
        MessageTone tone, DateTimeOffset now, CancellationToken ct)
    {
        var existing = step.Variants.ToDictionary(v => v.Key);
        var kept = input.Variants.Where(v => v.Key is not null).Select(v => v.Key!).ToHashSet();
        foreach (var removed in existing.Values.Where(v => !kept.Contains(v.Key)))
        {
            step.Variants.Remove(removed);
            db.PlaybookStepVariants.Remove(removed);
        }
        var templateIds = existing.Values.Select(v => v.TemplateId).ToList();
        var templates = await db.MessageTemplates.Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        foreach (var draft in input.Variants)
        {
            var variant = draft.Key is { } key ? existing.GetValueOrDefault(key) : null;
            var template = variant is null
                ? db.MessageTemplates.Add(new MessageTemplate { CompanyId = playbook.CompanyId, Name = "", Title = "", Body = "", CreatedAt = now }).Entity
                : templates[variant.TemplateId];
            draft.Key ??= StepVariantDraft.NextKey(step.Variants.Select(v => v.Key).Concat(input.Variants.Select(v => v.Key)));
            template.Name = TemplateName(name, $" · variant {draft.Key}");
            template.Tone = tone;
            (template.Title, template.Body) = (draft.Title.Trim(), draft.Body.Trim());
            template.CtaLabel = string.IsNullOrWhiteSpace(draft.CtaLabel) ? null : draft.CtaLabel.Trim();
            template.CtaUrl = string.IsNullOrWhiteSpace(draft.CtaUrl) ? null : draft.CtaUrl.Trim();
            template.Preheader = StepVariantDraft.EmailPreheader(input.Channel, draft.Preheader);
            template.UpdatedAt = now;
            if (variant is null)
            {
                await db.SaveChangesAsync(ct);
                variant = new PlaybookStepVariant { Key = draft.Key, TemplateId = template.Id };
                step.Variants.Add(variant);
            }
            variant.Percent = draft.Percent;
        }
    }

    /// A playbook name may take the whole column; the template's name is cut to fit with its suffix.
    private static string TemplateName(string name, string suffix) =>
        name.Length + suffix.Length <= MessageTemplate.NameMaxLength ? name + suffix : name[..(MessageTemplate.NameMaxLength - suffix.Length)] + suffix;
}
