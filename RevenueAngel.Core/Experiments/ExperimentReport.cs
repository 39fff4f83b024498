using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Experiments;

/// A playbook's experiment results, aggregated in the database (one row per arm), and the dashboard's incremental
/// revenue. Everything is scoped to one company.
public sealed class ExperimentReport(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    public async Task<PlaybookExperiments?> GetAsync(string companyId, long playbookId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var playbook = await db.Playbooks.AsNoTracking().Include(p => p.Steps).ThenInclude(s => s.Variants)
            .SingleOrDefaultAsync(p => p.CompanyId == companyId && p.Id == playbookId && p.DeletedAt == null, ct);
        if (playbook is null) return null;
        var outcomes = EnrollmentOutcome.Query(db, companyId, time.GetUtcNow()).Where(o => o.PlaybookId == playbookId);

        var holdoutArms = await HoldoutArmsAsync(outcomes, ct);
        var (holdout, treatment) = (ArmRow.Find(holdoutArms, HoldoutSplit.Holdout), ArmRow.Find(holdoutArms, HoldoutSplit.Treatment));
        var steps = new List<StepExperiment>();
        foreach (var step in playbook.Steps.Where(s => !s.Archived && s.Variants.Count > 0).OrderBy(s => s.Position))
            steps.Add(await StepExperimentAsync(db, companyId, step, outcomes, ct));

        return new PlaybookExperiments(playbook.Id, playbook.Name, playbook.HoldoutPercent, [ArmResult.Of(treatment), ArmResult.Of(holdout)],
            holdout.Subjects == 0 ? null : ExperimentEstimator.TreatmentVsHoldout(holdout, treatment), steps);
    }

    /// Over enrolments that entered in [from, to): each playbook's holdout-based incremental revenue, added up.
    public async Task<IncrementalRevenue> IncrementalRevenueAsync(string companyId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await HoldoutArmsJoinedAsync(db, companyId, from, to, ct);
        return IncrementalRevenueOf(rows.GroupBy(r => r.Key).Select(g => (ArmRow.Find(g, HoldoutSplit.Holdout), ArmRow.Find(g, HoldoutSplit.Treatment))));
    }

    /// Playbooks without a usable holdout say nothing about incrementality and are left out; the others' errors are
    /// taken as independent, so their variances add.
    public static IncrementalRevenue IncrementalRevenueOf(IEnumerable<(ArmSummary Holdout, ArmSummary Treatment)> playbooks)
    {
        double cents = 0, variance = 0;
        var count = 0;
        foreach (var (holdout, treatment) in playbooks.Where(p => p.Holdout.Subjects > 1 && p.Treatment.Subjects > 1))
        {
            cents += ExperimentStatistics.IncrementalRevenue(holdout, treatment).Cents;
            variance += ExperimentStatistics.IncrementalRevenueVariance(holdout, treatment);
            count++;
        }
        var half = ExperimentStatistics.Z95 * Math.Sqrt(variance);
        return new IncrementalRevenue(cents, new Interval(cents - half, cents + half), count);
    }

    /// The same arms as EnrollmentOutcome gives, for many enrolments at once, from the hourly counts: each enrolment
    /// keeps what its subject paid while enrolled (the database's triggers move it as conversions and refunds arrive),
    /// and its arm's hour the sum and sum of squares of that.
    private static async Task<List<ArmRow>> HoldoutArmsJoinedAsync(RevenueAngelDbContext db, string companyId, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct) =>
        [.. (await EnrollmentCounts.EnteredAsync(db, companyId, new AnalyticsWindow(from, to), ct))
            .Where(c => c.Group is HoldoutSplit.Holdout or HoldoutSplit.Treatment)
            .Select(c => new ArmRow(c.PlaybookId, c.Group, c.Entered, c.Converted, c.RevenueCents, c.RevenueSquares))];

    private static Task<List<ArmRow>> HoldoutArmsAsync(IQueryable<EnrollmentOutcome> outcomes, CancellationToken ct) =>
        outcomes.Where(o => o.Group == HoldoutSplit.Holdout || o.Group == HoldoutSplit.Treatment)
            .GroupBy(o => new { o.PlaybookId, o.Group })
            .Select(g => new ArmRow(g.Key.PlaybookId, g.Key.Group!, g.LongCount(), g.LongCount(o => o.Converted),
                g.Sum(o => (double)o.RevenueCents), g.Sum(o => (double)o.RevenueCents * o.RevenueCents)))
            .ToListAsync(ct);

    /// Subjects are counted from the enrolments of subjects that reached the step (its assignment is made at the
    /// first send), so both arms are measured from the same moment.
    private static async Task<StepExperiment> StepExperimentAsync(RevenueAngelDbContext db, string companyId, PlaybookStep step,
        IQueryable<EnrollmentOutcome> outcomes, CancellationToken ct)
    {
        var key = PlaybookStep.ExperimentKeyOf(step.Id);
        var rows = await outcomes
            .Where(o => o.Group != HoldoutSplit.Holdout)
            .Join(db.ExperimentAssignments.Where(a => a.CompanyId == companyId && a.ExperimentKey == key),
                o => new { Kind = o.SubjectKind, Id = o.SubjectId }, a => new { Kind = a.SubjectKind, Id = a.SubjectId },
                (o, a) => new { o.Converted, o.RevenueCents, a.Group })
            .GroupBy(x => x.Group)
            .Select(g => new ArmRow(step.Id, g.Key, g.LongCount(), g.LongCount(x => x.Converted),
                g.Sum(x => (double)x.RevenueCents), g.Sum(x => (double)x.RevenueCents * x.RevenueCents)))
            .ToListAsync(ct);
        var arms = VariantSplit.ArmsOf(step).Select(a => ArmRow.Find(rows, a.Key)).ToList();
        return new StepExperiment(step.Id, step.Position, step.WinnerVariant, [.. arms.Select(ArmResult.Of)],
            [.. arms.Skip(1).Select(variant => ExperimentEstimator.VariantVsBase(arms[0], variant))]);
    }
}
