using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Dispatch;

public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// How often the dispatcher looks for due sends.
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// A send claimed and not finished within this time goes back to `scheduled` if Whop was never called for it,
    /// and becomes `unknown` (never resent) if it was. Renewed when the call starts; keep it above Whop's total
    /// timeout (checked at start-up).
    [Range(30, 3600)]
    public int LeaseSeconds { get; set; } = 300;

    /// Sends claimed, checked and loaded together: the checks and the variables of a batch cost the same statements
    /// whatever its size. A pass claims batch after batch while they come back full.
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 500;

    /// Sends whose call start is recorded in one write and then delivered; after a first wave of one (a probe, so
    /// an outage or a 429 costs one call, not a wave of them) and after any failure. A process killed mid-wave
    /// leaves at most this many sends `unknown`.
    [Range(1, 5000)]
    public int DeliveryWave { get; set; } = 250;

    /// Calls to Whop (or the mail server) in flight at once within a wave; Whop's rate limiter still paces them.
    [Range(1, 256)]
    public int DeliveryConcurrency { get; set; } = 32;

    /// Calls to Whop per send before it is `failed` (a deferral, a pause or a call never made is not one).
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 12;

    /// First wait after a transient error; doubles with each attempt up to RetryMaxWaitSeconds.
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 30;

    /// The longest wait between two attempts.
    [Range(1, 86_400)]
    public int RetryMaxWaitSeconds { get; set; } = 3600;

    /// Pause after Whop answers 429 without saying how long.
    [Range(1, 3600)]
    public int RateLimitPauseSeconds { get; set; } = 60;

    /// Transient Whop failures in a row (5xx, timeouts, network errors) that make an outage: the company's dispatch
    /// pauses instead of spending more sends' attempts on it.
    [Range(1, 100)]
    public int OutageFailureThreshold { get; set; } = 3;

    /// First pause of a company's dispatch in an outage (or when Whop's circuit is open); doubles with each pause in
    /// a row up to OutagePauseMaxSeconds, and ends at the first success.
    [Range(1, 3600)]
    public int OutagePauseSeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int OutagePauseMaxSeconds { get; set; } = 600;

    /// How long a lower-priority sequence waits while the member is in a higher-priority one.
    [Range(1, 168)]
    public int PriorityWaitHours { get; set; } = 6;

    /// How long a send to a lead no channel reaches waits before it is looked at again (it also resumes as soon as
    /// the lead is linked to a Whop account).
    [Range(1, 720)]
    public int UnreachableRecheckHours { get; set; } = 6;

    /// How often the scheduler enrols new matches and schedules sends.
    [Range(1, 3600)]
    public int SchedulerSeconds { get; set; } = 60;

    /// The wait before attempt <paramref name="attemptsMade"/> + 1, after that many failed calls.
    public TimeSpan RetryWait(int attemptsMade) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxWaitSeconds, RetryBaseSeconds * Math.Pow(2, Math.Max(0, attemptsMade - 1))));

    /// From the first failed call to the last attempt before `failed`: how long an outage sends survive.
    public TimeSpan RetrySpan => Enumerable.Range(1, MaxAttempts - 1).Aggregate(TimeSpan.Zero, (total, n) => total + RetryWait(n));
}
