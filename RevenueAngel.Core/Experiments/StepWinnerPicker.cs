using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// Ends step A/B tests that have a verdict: the best variant that beats A, or A when every variant loses to it, becomes
/// the step's winner, and new subjects get only that message. Subjects already assigned keep theirs, so the
/// measurement stays intact. A test without a clear verdict keeps running.
public sealed class StepWinnerPicker(IDbContextFactory<RevenueAngelDbContext> contexts, ExperimentReport report)
{
    public async Task<int> PickAsync(CancellationToken ct = default)
    {
        List<(string CompanyId, long PlaybookId)> open;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            open = (await db.PlaybookSteps
                    .Where(s => s.WinnerVariant == null && !s.Archived && s.Variants.Any())
                    .Join(db.Playbooks.Where(p => p.DeletedAt == null), s => s.PlaybookId, p => p.Id, (s, p) => new { p.CompanyId, p.Id })
                    .Distinct().ToListAsync(ct))
                .Select(x => (x.CompanyId, x.Id)).ToList();
        }

        var picked = 0;
        foreach (var (companyId, playbookId) in open)
        {
            if (await report.GetAsync(companyId, playbookId, ct) is not { } experiments) continue;
            foreach (var step in experiments.Steps.Where(s => s.WinnerVariant is null))
            {
                if (WinnerOf(step) is not { } winner) continue;
                await using var db = await contexts.CreateDbContextAsync(ct);
                picked += await db.PlaybookSteps.Where(s => s.Id == step.StepId && s.WinnerVariant == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.WinnerVariant, winner), ct);
            }
        }
        return picked;
    }

    public static string? WinnerOf(StepExperiment step)
    {
        var winners = step.Comparisons.Where(c => c.Verdict.Kind == VerdictKind.ChallengerWins).Select(c => c.Challenger).ToList();
        if (winners.Count > 0)
            return step.Arms.Where(a => winners.Contains(a.Group)).OrderByDescending(a => a.ConversionRate).First().Group;
        return step.Comparisons.Count > 0 && step.Comparisons.All(c => c.Verdict.Kind == VerdictKind.BaselineWins) ? VariantSplit.Base : null;
    }
}
