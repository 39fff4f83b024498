using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

public sealed record ChosenVariant(string Key, MessageTemplate Template);

/// One send's subject and step (with its variants loaded), for a batch's choice of variants.
internal sealed record VariantRequest(string CompanyId, PlaybookStep Step, SubjectKind Kind, long SubjectId, MessageTemplate BaseTemplate);

/// Which of a step's messages a subject gets. The first choice is stored in experiment_assignments and kept, so a
/// later change of split or a winner never moves a subject who has already been measured; once the step has a winner,
/// new subjects get it without joining the experiment.
public sealed class StepVariantChooser(TimeProvider time)
{
    /// The variant of each request, for a whole dispatcher batch: the stored assignments read in one statement, the new
    /// ones written in one. <paramref name="templates"/> holds the variants' templates (the batch read them).
    internal async Task<IReadOnlyList<ChosenVariant>> ChooseAsync(RevenueAngelDbContext db, IReadOnlyList<VariantRequest> requests,
        IReadOnlyDictionary<long, MessageTemplate> templates, CancellationToken ct)
    {
        var chosen = new ChosenVariant[requests.Count];
        var testing = Enumerable.Range(0, requests.Count).Where(i => requests[i].Step.Variants.Count > 0).ToList();
        for (var i = 0; i < requests.Count; i++)
            if (requests[i].Step.Variants.Count == 0) chosen[i] = new ChosenVariant(VariantSplit.Base, requests[i].BaseTemplate);
        if (testing.Count == 0) return chosen;

        var keys = testing.Select(i => PlaybookStep.ExperimentKeyOf(requests[i].Step.Id)).Distinct().ToList();
        var subjectIds = testing.Select(i => requests[i].SubjectId).Distinct().ToList();
        var stored = (await db.ExperimentAssignments.AsNoTracking()
                .Where(a => keys.Contains(a.ExperimentKey) && subjectIds.Contains(a.SubjectId))
                .Select(a => new { a.CompanyId, a.ExperimentKey, a.SubjectKind, a.SubjectId, a.Group }).ToListAsync(ct))
            .ToDictionary(a => (a.CompanyId, a.ExperimentKey, a.SubjectKind, a.SubjectId), a => a.Group);

        var groups = new Dictionary<int, string>();
        var fresh = new Dictionary<(string, string, SubjectKind, long), ExperimentAssignment>();
        foreach (var i in testing)
        {
            var (companyId, step, kind, subjectId, _) = requests[i];
            var key = PlaybookStep.ExperimentKeyOf(step.Id);
            var id = (companyId, key, kind, subjectId);
            if (stored.TryGetValue(id, out var group)) groups[i] = group;
            else if (fresh.TryGetValue(id, out var pending)) groups[i] = pending.Group;
            // After the verdict nobody new is randomised, so nobody new is stored: the arms stay a fair comparison.
            else if (step.WinnerVariant is { } winner) groups[i] = winner;
            else
            {
                groups[i] = VariantSplit.ArmOf(VariantSplit.BucketOf(key, kind, subjectId), VariantSplit.ArmsOf(step));
                fresh[id] = new ExperimentAssignment
                {
                    CompanyId = companyId, ExperimentKey = key, SubjectKind = kind, SubjectId = subjectId, Group = groups[i], AssignedAt = time.GetUtcNow(),
                };
            }
        }
        if (fresh.Count > 0 && !await StoreAllAsync(db, fresh.Values, ct))
        {
            // Another dispatcher stored some of the same subjects first: one at a time, each using the row that won.
            foreach (var i in testing.Where(i => fresh.ContainsKey((requests[i].CompanyId, PlaybookStep.ExperimentKeyOf(requests[i].Step.Id),
                         requests[i].Kind, requests[i].SubjectId))))
                groups[i] = await StoreAsync(db, new ExperimentAssignment
                {
                    CompanyId = requests[i].CompanyId, ExperimentKey = PlaybookStep.ExperimentKeyOf(requests[i].Step.Id), SubjectKind = requests[i].Kind,
                    SubjectId = requests[i].SubjectId, Group = groups[i], AssignedAt = time.GetUtcNow(),
                }, ct);
        }

        foreach (var i in testing)
        {
            var variant = requests[i].Step.Variants.FirstOrDefault(v => v.Key == groups[i]);
            chosen[i] = variant is null || !templates.TryGetValue(variant.TemplateId, out var template)
                ? new ChosenVariant(VariantSplit.Base, requests[i].BaseTemplate)
                : new ChosenVariant(variant.Key, template);
        }
        return chosen;
    }

    private static async Task<bool> StoreAllAsync(RevenueAngelDbContext db, IEnumerable<ExperimentAssignment> assignments, CancellationToken ct)
    {
        var added = assignments.ToList();
        db.ExperimentAssignments.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            foreach (var assignment in added) db.Entry(assignment).State = EntityState.Detached;
            return false;
        }
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
