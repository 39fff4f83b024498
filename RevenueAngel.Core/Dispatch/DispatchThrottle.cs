using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Dispatch;

/// This process's dispatch pauses. A 429 pauses every company (Whop limits the app's key as a whole). A Whop outage
/// seen by one company's sends (an open circuit, or transient failures in a row) pauses that company, for a wait
/// that doubles with each pause in a row until a send gets through.
public sealed class DispatchThrottle(TimeProvider time, IOptions<DispatchOptions> options)
{
    private readonly ConcurrentDictionary<string, Outage> _outages = new();
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

    /// When the company's dispatch resumes, if it is paused now (by a 429 or by its own outage).
    public DateTimeOffset? CompanyPausedUntil(string companyId)
    {
        var now = time.GetUtcNow();
        var own = _outages.TryGetValue(companyId, out var outage) && outage.PausedUntil > now ? outage.PausedUntil : (DateTimeOffset?)null;
        return (PausedUntil, own) switch
        {
            ({ } all, { } mine) => all > mine ? all : mine,
            var (all, mine) => all ?? mine,
        };
    }

    /// Counts a transient failure; true (and the company paused) once they make an outage.
    public bool RecordTransientFailure(string companyId)
    {
        var outage = _outages.AddOrUpdate(companyId, _ => new Outage(1, 0, DateTimeOffset.MinValue), (_, o) => o with { Failures = o.Failures + 1 });
        if (outage.Failures < options.Value.OutageFailureThreshold) return false;
        PauseCompany(companyId);
        return true;
    }

    /// Pauses the company's dispatch (Whop's circuit is open, or an outage); returns when it resumes.
    public DateTimeOffset PauseCompany(string companyId)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var outage = _outages.AddOrUpdate(companyId,
            _ => new Outage(settings.OutageFailureThreshold, 1, now + Wait(settings, 1)),
            (_, o) => o.PausedUntil > now ? o : o with { Pauses = o.Pauses + 1, PausedUntil = now + Wait(settings, o.Pauses + 1) });
        return outage.PausedUntil;
    }

    /// A send got through: the outage (if any) is over.
    public void RecordSuccess(string companyId) => _outages.TryRemove(companyId, out _);

    private static TimeSpan Wait(DispatchOptions settings, int pauses) =>
        TimeSpan.FromSeconds(Math.Min(settings.OutagePauseMaxSeconds, settings.OutagePauseSeconds * Math.Pow(2, Math.Min(pauses - 1, 30))));

    private sealed record Outage(int Failures, int Pauses, DateTimeOffset PausedUntil);
}
