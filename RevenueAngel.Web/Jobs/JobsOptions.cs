using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Web.Jobs;

/// How this process takes part in the Quartz cluster that every replica on one PostgreSQL forms.
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// Quartz's own value for "name this node at start-up" (host name and start time): a restarted replica is a new
    /// node, so a peer recovers what the old one was running.
    public const string AutoInstanceId = "AUTO";

    /// How often this node records in the database that it is alive.
    [Range(1, 300)]
    public double ClusterCheckinSeconds { get; set; } = 7.5;

    /// How long past a missed check-in the other nodes wait before they treat this one as dead and take over its
    /// running jobs (a job that disallows concurrent execution stays blocked until then).
    [Range(1, 600)]
    public double ClusterCheckinMisfireSeconds { get; set; } = 15;

    /// How late a trigger may fire before it counts as misfired; a repeating trigger then skips to its next time.
    [Range(1, 3600)]
    public double MisfireThresholdSeconds { get; set; } = 60;

    /// How long an idle node waits before it looks for due triggers again. Each job runs on one node at a time; after a
    /// run the node that ran it is woken at once, so a long wait here leaves the other nodes all but idle.
    [Range(1, 30)]
    public double IdleWaitSeconds { get; set; } = 1;

    /// Off: no job runs on a timetable, only when something wakes it (a webhook's arrival, a sync asked for). For
    /// tests that drive the jobs themselves: a timetable on a grid of whole intervals (an hourly job fires at every
    /// full hour) would otherwise race them.
    public bool Periodic { get; set; } = true;

    /// This node's id in the cluster: AUTO, or a value unique to each replica (never the same on two).
    [Required, MaxLength(200)]
    public string InstanceId { get; set; } = AutoInstanceId;
}
