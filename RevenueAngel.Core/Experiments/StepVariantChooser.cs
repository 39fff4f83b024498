using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

public sealed record ChosenVariant(string Key, MessageTemplate Template);

/// Which of a step's messages a subject gets. The first choice is stored in experiment_assignments and kept, so a
/// later change of split or a winner never moves a subject who has already been measured; once the step has a winner,
/// new subjects get it without joining the experiment.
public sealed class StepVariantChooser(TimeProvider time)
{
    public async Task<ChosenVariant> ChooseAsync(RevenueAngelDbContext db, string companyId, long stepId, SubjectKind kind, long subjectId,
        MessageTemplate baseTemplate, CancellationToken ct)
    {
        var step = await db.PlaybookSteps.AsNoTracking().Include(s => s.Variants).SingleAsync(s => s.Id == stepId, ct);
        if (step.Variants.Count == 0) return new ChosenVariant(VariantSplit.Base, baseTemplate);

        var key = PlaybookStep.ExperimentKeyOf(stepId);
        var group = await StoredGroupAsync(db, companyId, key, kind, subjectId, ct);
        if (group is null && step.WinnerVariant is { } winner)
        {
            // After the verdict nobody new is randomised, so nobody new is stored: the arms stay a fair comparison.
            group = winner;
        }
        else if (group is null)
        {
            group = VariantSplit.ArmOf(VariantSplit.BucketOf(key, kind, subjectId), VariantSplit.ArmsOf(step));
            group = await StoreAsync(db, new ExperimentAssignment
            {
                CompanyId = companyId, ExperimentKey = key, SubjectKind = kind, SubjectId = subjectId, Group = group, AssignedAt = time.GetUtcNow(),
            }, ct);
        }

        var variant = step.Variants.FirstOrDefault(v => v.Key == group);
        if (variant is null) return new ChosenVariant(VariantSplit.Base, baseTemplate);
        return new ChosenVariant(variant.Key, await db.MessageTemplates.AsNoTracking().SingleAsync(t => t.Id == variant.TemplateId, ct));
    }

    private static Task<string?> StoredGroupAsync(RevenueAngelDbContext db, string companyId, string key, SubjectKind kind, long subjectId,
        CancellationToken ct) =>
        db.ExperimentAssignments.AsNoTracking()
            .Where(a => a.CompanyId == companyId && a.ExperimentKey == key && a.SubjectKind == kind && a.SubjectId == subjectId)
            .Select(a => a.Group).SingleOrDefaultAsync(ct);

    /// Another dispatcher may store the same subject at the same moment: the primary key keeps one row, and both use it.
    private static async Task<string> StoreAsync(RevenueAngelDbContext db, ExperimentAssignment assignment, CancellationToken ct)
    {
        db.ExperimentAssignments.Add(assignment);
        try
        {
            await db.SaveChangesAsync(ct);
            return assignment.Group;
        }
        catch (DbUpdateException)
        {
            db.Entry(assignment).State = EntityState.Detached;
            return await StoredGroupAsync(db, assignment.CompanyId, assignment.ExperimentKey, assignment.SubjectKind, assignment.SubjectId, ct)
                   ?? throw new InvalidOperationException("The experiment assignment could neither be stored nor read.");
        }
    }
}
