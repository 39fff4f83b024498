using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// How far the processor is behind: the age of the oldest stored event not yet applied (received, or failed and
/// waiting for its retry). Read when a metrics exporter collects, at most once per interval, so a busy exporter
/// cannot turn it into load; null (no measurement) while the database cannot be asked.
public sealed class WebhookQueueLag(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private double? _seconds;

    public double? Seconds()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _readAt < Interval) return _seconds;
            _readAt = now;
            try
            {
                using var db = contexts.CreateDbContext();
                var oldest = db.WebhookEvents.AsNoTracking()
                    .Where(e => e.Status == WebhookEventStatus.Received || e.Status == WebhookEventStatus.Failed)
                    .OrderBy(e => e.ReceivedAt).Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefault();
                _seconds = oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
            }
            catch (Exception)
            {
                // Metrics must never fail a collection: the database's own health check reports the outage.
                _seconds = null;
            }
            return _seconds;
        }
    }
}
