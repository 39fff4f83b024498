using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Analytics;

/// Enrolments of a window counted from the hourly counts the database keeps, with the partial hours at the window's
/// edges read from the enrolments themselves: exact to the tick, and a few thousand rows to read instead of every
/// enrolment the company ever had.
internal static class EnrollmentCounts
{
    /// Per playbook and arm: enrolments that entered in the window, how many of those have reached the goal, and what they paid.
    public static async Task<IReadOnlyList<EnteredSlice>> EnteredAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window,
        CancellationToken ct)
    {
        var (firstWholeHour, endOfWholeHours) = (Hours.Ceiling(window.From), Hours.Floor(window.To));
        if (firstWholeHour >= endOfWholeHours) return await EnteredFromEnrollmentsAsync(db, companyId, window.From, window.To, ct);

        var wholeHours = await db.EnrollmentHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours)
            .GroupBy(c => new { c.PlaybookId, c.Group })
            .Select(g => new EnteredSlice(g.Key.PlaybookId, g.Key.Group, g.Sum(c => c.Entered), g.Sum(c => c.Converted),
                g.Sum(c => c.RevenueCents), g.Sum(c => c.RevenueSquares)))
            .ToListAsync(ct);
        IEnumerable<EnteredSlice> slices =
        [
            .. await EnteredFromEnrollmentsAsync(db, companyId, window.From, firstWholeHour, ct),
            .. wholeHours,
            .. await EnteredFromEnrollmentsAsync(db, companyId, endOfWholeHours, window.To, ct),
        ];
        return [.. slices.GroupBy(s => (s.PlaybookId, s.Group))
            .Select(g => new EnteredSlice(g.Key.PlaybookId, g.Key.Group, g.Sum(s => s.Entered), g.Sum(s => s.Converted),
                g.Sum(s => s.RevenueCents), g.Sum(s => s.RevenueSquares)))];
    }

    /// Enrolments outside the holdout that were running at some point in the window: those that entered before its
    /// end, less those that had already ended at its start (an enrolment ends after it enters).
    public static async Task<int> RunningDuringAsync(RevenueAngelDbContext db, string companyId, AnalyticsWindow window, CancellationToken ct)
    {
        var (enteredHoursEnd, endedHoursEnd) = (Hours.Floor(window.To), Hours.Floor(window.From));
        var wholeHours = await db.EnrollmentHourlyCounts
            .Where(c => c.CompanyId == companyId && c.Group != HoldoutSplit.Holdout && c.Hour < enteredHoursEnd)
            .GroupBy(c => 1)
            .Select(g => new { Entered = g.Sum(c => c.Entered), Ended = g.Sum(c => c.Hour < endedHoursEnd ? c.Ended : 0) })
            .SingleOrDefaultAsync(ct);
        var notHeldOut = db.Enrollments.Where(e => e.CompanyId == companyId && e.Group != HoldoutSplit.Holdout);
        var enteredInLastHour = await notHeldOut.CountAsync(e => e.EnteredAt >= enteredHoursEnd && e.EnteredAt < window.To, ct);
        var endedInHourBeforeStart = await notHeldOut.CountAsync(e => e.EndedAt >= endedHoursEnd && e.EndedAt < window.From, ct);
        return (wholeHours?.Entered ?? 0) + enteredInLastHour - (wholeHours?.Ended ?? 0) - endedInHourBeforeStart;
    }

    private static async Task<IReadOnlyList<EnteredSlice>> EnteredFromEnrollmentsAsync(RevenueAngelDbContext db, string companyId,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        from >= to ? [] : await db.Enrollments
            .Where(e => e.CompanyId == companyId && e.EnteredAt >= from && e.EnteredAt < to)
            .GroupBy(e => new { e.PlaybookId, e.Group })
            .Select(g => new EnteredSlice(g.Key.PlaybookId, g.Key.Group ?? "", g.Count(), g.Count(e => e.Status == EnrollmentStatus.Converted),
                g.Sum(e => e.RevenueCents), g.Sum(e => (double)e.RevenueCents * e.RevenueCents)))
            .ToListAsync(ct);
}

/// <param name="Group">The arm; empty for enrolments without one.</param>
/// <param name="RevenueCents">What the enrolments' subjects paid while enrolled, and <paramref name="RevenueSquares"/> the sum of its squares.</param>
internal sealed record EnteredSlice(long PlaybookId, string Group, int Entered, int Converted, long RevenueCents, double RevenueSquares);
