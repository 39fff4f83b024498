using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Webhooks;

/// How Whop's deliveries are accepted and applied. The secrets themselves are Whop:WebhookSecrets.
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// Deliveries whose `webhook-timestamp` is further than this from our clock are refused (replay protection).
    [Range(30, 3600)]
    public int ToleranceSeconds { get; set; } = 300;

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// Tries per event before it is `dead` (kept, visible, replayable).
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// First wait after a failure; doubles per attempt, at most an hour.
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 10;

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
}
