using Quartz;

namespace RevenueAngel.Web.Jobs;

/// Runs the processing job now rather than at its next sweep. At most once a second: under a burst the running
/// job's loop drains what arrives meanwhile, and the scheduler's store is not written for every delivery.
public sealed class WebhookWakeUp(ISchedulerFactory schedulers, TimeProvider time)
{
    private static long _lastWakeTicks;

    public async Task NowAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWakeTicks);
        if (now - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastWakeTicks, now, last) != last) return;
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(new JobKey(nameof(WebhookProcessingJob)), ct);
    }
}
