namespace RevenueAngel.Core.Dispatch;

/// This process's pause after Whop answered 429: Whop limits the app's key as a whole, so every company waits.
public sealed class DispatchThrottle(TimeProvider time)
{
    private long _pausedUntilTicks;

    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _pausedUntilTicks);
            return ticks > time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public void PauseUntil(DateTimeOffset until)
    {
        long current;
        do current = Interlocked.Read(ref _pausedUntilTicks);
        while (until.UtcTicks > current && Interlocked.CompareExchange(ref _pausedUntilTicks, until.UtcTicks, current) != current);
    }
}
