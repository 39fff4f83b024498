using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Dispatch;

public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// How often the dispatcher looks for due sends.
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// A claimed send not finished within this time becomes `unknown` (never resent). Longer than one Whop call
    /// with its retries.
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    /// Calls to Whop per send before it is `failed`.
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// First wait after a transient error; doubles with each attempt, at most an hour.
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 30;

    /// Pause after Whop answers 429 without saying how long.
    [Range(1, 3600)]
    public int RateLimitPauseSeconds { get; set; } = 60;

    /// How long a lower-priority sequence waits while the member is in a higher-priority one.
    [Range(1, 168)]
    public int PriorityWaitHours { get; set; } = 6;

    /// How often the scheduler enrols new matches and schedules sends.
    [Range(1, 3600)]
    public int SchedulerSeconds { get; set; } = 60;
}
