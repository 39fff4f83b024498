using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Webhooks;

/// How Whop's deliveries are accepted and applied. The secrets themselves are Whop:WebhookSecrets.
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// Deliveries whose `webhook-timestamp` is further than this from our clock are refused (replay protection).
    [Range(30, 3600)]
    public int ToleranceSeconds { get; set; } = 300;

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// Tries per event before it is `dead` (kept, visible, replayable). With the waits below the defaults keep
    /// retrying for about five hours (RetrySpan), longer than a Whop or database outage is expected to last.
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 12;

    /// First wait after a failure; doubles per attempt up to RetryMaxSeconds.
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 30;

    [Range(1, 86400)]
    public int RetryMaxSeconds { get; set; } = 3600;

    /// Tries for an event whose payload cannot be read (a field of the wrong type, an unusable id): waiting does not
    /// fix it, so it is `dead` sooner, kept for a replay once the code reads it.
    [Range(1, 50)]
    public int MaxPayloadAttempts { get; set; } = 2;

    /// How long the processor waits for Whop when an event names a plan we have not stored (outside any transaction).
    [Range(1, 60)]
    public int PlanFetchTimeoutSeconds { get; set; } = 5;

    /// How often the processing job sweeps for events (it is also woken on every receipt).
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// Events applied per transaction (each in a savepoint of its own): fewer commits, a faster drain.
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// Batches applied at once by one process; members' events stay in order through a lock per member.
    [Range(1, 16)]
    public int Workers { get; set; } = 2;

    /// Wake the processing job when an event arrives (off: only the periodic sweep applies events).
    public bool ProcessOnReceipt { get; set; } = true;

    /// Raw payloads of processed and ignored events are dropped after this many days; conversions and payments stay.
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// The wait before attempt <paramref name="failedAttempts"/> + 1.
    public TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30))));

    /// From the first failure to `dead` for a failure that may pass.
    public TimeSpan RetrySpan => TimeSpan.FromTicks(Enumerable.Range(1, MaxAttempts - 1).Sum(a => RetryDelay(a).Ticks));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxSeconds < RetryBaseSeconds)
            yield return new ValidationResult("Webhooks:RetryMaxSeconds must be at least Webhooks:RetryBaseSeconds.", [nameof(RetryMaxSeconds)]);
    }
}
