using Quartz;

namespace RevenueAngel.Web.Jobs;

/// Runs the processing job now rather than at its next sweep. At most once a second: under a burst the running
/// job's loop drains what arrives meanwhile, and the scheduler's store is not written for every delivery.
public sealed partial class WebhookWakeUp(ISchedulerFactory schedulers, TimeProvider time, ILogger<WebhookWakeUp> logger)
{
    private static long _lastWakeTicks;

    public async Task NowAsync(CancellationToken ct)
    {
        if (ClaimTheWake()) await TriggerAsync(ct);
    }

    /// The same, off the caller's path: a webhook's answer never waits for the scheduler's store.
    public void Soon()
    {
        if (!ClaimTheWake()) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await TriggerAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                // The periodic sweep applies the event all the same.
                LogWakeFailed(e);
            }
        });
    }

    private bool ClaimTheWake()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWakeTicks);
        return now - last >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _lastWakeTicks, now, last) == last;
    }

    private async Task TriggerAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(nameof(WebhookProcessingJob)), ct);
    }

    [LoggerMessage(LogLevel.Debug, "Waking the webhook processing job failed; its next sweep applies the event")]
    private partial void LogWakeFailed(Exception exception);
}
