using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Core.Playbooks;

/// Turns library blueprints into a company's own playbooks and templates.
public static class DefaultPlaybooks
{
    /// The three defaults in the friendly tone, for every newly installed company; returns them by type.
    public static async Task<IReadOnlyDictionary<PlaybookType, Playbook>> InstallAsync(
        RevenueAngelDbContext db, string companyId, DateTimeOffset at, bool enabled, CancellationToken ct)
    {
        var installed = new Dictionary<PlaybookType, Playbook>();
        foreach (var blueprint in PlaybookLibrary.All)
            installed[blueprint.Type] = await AddAsync(db, blueprint, companyId, MessageTone.Friendly, at, enabled, ct);
        return installed;
    }

    /// Adds and saves one (templates first: steps point at their ids).
    public static async Task<Playbook> AddAsync(RevenueAngelDbContext db, PlaybookBlueprint blueprint, string companyId, MessageTone tone,
        DateTimeOffset at, bool enabled, CancellationToken ct, string? name = null)
    {
        var templates = blueprint.Steps.Select((step, i) =>
        {
            var copy = step.Copy[tone];
            return new MessageTemplate
            {
                CompanyId = companyId, Name = $"{blueprint.Name} · step {i + 1}", Tone = tone, Title = copy.Title, Body = copy.Body,
                CtaLabel = copy.CtaLabel, CtaUrl = copy.CtaUrl, CreatedAt = at, UpdatedAt = at,
            };
        }).ToList();
        db.MessageTemplates.AddRange(templates);
        await db.SaveChangesAsync(ct);

        var playbook = new Playbook
        {
            CompanyId = companyId, Name = name ?? blueprint.Name, Type = blueprint.Type, Enabled = enabled, Trigger = blueprint.Trigger,
            Goal = blueprint.Goal, Priority = blueprint.Priority, ReentryAfterDays = blueprint.ReentryAfterDays, TargetRules = blueprint.TargetRules,
            Tone = tone, CreatedAt = at, UpdatedAt = at,
        };
        playbook.Steps.AddRange(blueprint.Steps.Select((step, i) => new PlaybookStep
        {
            Position = i + 1, DelayMinutes = step.DelayMinutes, Channel = step.Channel, FallbackChannel = step.Fallback, Purpose = step.Purpose,
            TemplateId = templates[i].Id,
        }));
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync(ct);
        return playbook;
    }
}
