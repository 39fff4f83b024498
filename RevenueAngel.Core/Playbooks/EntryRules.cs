using System.Linq.Expressions;

namespace RevenueAngel.Core.Playbooks;

/// Who may enter a playbook and when its steps fall due: one definition for the event path (EventEnroller, per
/// member) and the set-based one (SegmentEnroller, in SQL).
public static class EntryRules
{
    /// Passes that ended after this moment still keep a subject out; null when re-entry is off (any pass does).
    public static DateTimeOffset? ReentryCutoff(Playbook playbook, DateTimeOffset now) =>
        playbook.ReentryAfterDays is { } days ? now.AddDays(-days) : null;

    /// An earlier pass that keeps its subject out: one still running, any one without re-entry, or one that
    /// ended within the cool-down.
    public static Expression<Func<Enrollment, bool>> Blocks(DateTimeOffset? cutoff) =>
        e => e.Status == EnrollmentStatus.Active || cutoff == null || e.EndedAt > cutoff;

    /// When each step falls due for an event's enrolment at `now`: like StepOffsets, except that a step timed before
    /// Whop's next retry falls due that long before `nextRetry` (never before `now` or the previous step); the steps
    /// after it count from it.
    public static IEnumerable<(PlaybookStep Step, DateTimeOffset Due)> StepDueTimes(Playbook playbook, DateTimeOffset now, DateTimeOffset? nextRetry)
    {
        var previous = now;
        foreach (var step in playbook.Steps.Where(s => !s.Archived).OrderBy(s => s.Position))
        {
            var delay = TimeSpan.FromMinutes(step.DelayMinutes);
            var due = step.Timing == StepTiming.BeforeNextRetry && nextRetry is { } retry
                ? Max(retry - delay, previous)
                : previous + delay;
            yield return (step, due);
            previous = due;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// The steps that get sends, each with when it falls due after entry: the delays add up; archived steps are skipped.
    public static IEnumerable<(PlaybookStep Step, TimeSpan Offset)> StepOffsets(Playbook playbook)
    {
        var offset = TimeSpan.Zero;
        foreach (var step in playbook.Steps.Where(s => !s.Archived).OrderBy(s => s.Position))
        {
            offset += TimeSpan.FromMinutes(step.DelayMinutes);
            yield return (step, offset);
        }
    }
}
