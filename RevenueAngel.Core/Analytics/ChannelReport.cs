using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// <param name="Sends">Sends that went out or were due in the window, whatever became of them.</param>
/// <param name="Unsubscribes">Email only: addresses that unsubscribed in the window.</param>
public sealed record ChannelFigures(MessageChannel Channel, int Sends, int Delivered, int Failed, int Skipped, int Unsubscribes);

/// Sends, deliveries, failures and unsubscribes per channel, for the Analytics page: the whole hours from the hourly
/// counts the database keeps, the partial hours at the window's edges from the sends themselves.
public sealed class ChannelReport(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async Task<IReadOnlyList<ChannelFigures>> ReadAsync(string companyId, AnalyticsWindow window, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (firstWholeHour, endOfWholeHours) = (Hours.Ceiling(window.From), Hours.Floor(window.To));
        // The ids as a list, not a subquery: a prepared statement's generic plan cannot see how few a company has, and
        // scanned every send for the unsent ones (120 ms on 1M sends; 0.4 ms by the unsent index).
        var playbooks = await db.Playbooks.Where(p => p.CompanyId == companyId).Select(p => p.Id).ToListAsync(ct);
        List<ChannelSlice> counts;
        if (firstWholeHour >= endOfWholeHours) counts = await FromSendsAsync(db, companyId, playbooks, window.From, window.To, ct);
        else
        {
            counts = await db.SendChannelHourlyCounts
                .Where(c => c.CompanyId == companyId && c.Hour >= firstWholeHour && c.Hour < endOfWholeHours)
                .GroupBy(c => new { c.Channel, c.Outcome })
                .Select(g => new ChannelSlice(g.Key.Channel, g.Key.Outcome, g.Sum(c => c.Sends)))
                .ToListAsync(ct);
            counts.AddRange(await FromSendsAsync(db, companyId, playbooks, window.From, firstWholeHour, ct));
            counts.AddRange(await FromSendsAsync(db, companyId, playbooks, endOfWholeHours, window.To, ct));
        }
        var unsubscribes = await db.EmailSuppressions.AsNoTracking()
            .CountAsync(s => s.CompanyId == companyId && s.Reason == Email.SuppressionReason.Unsubscribed && s.At >= window.From && s.At < window.To, ct);
        return [.. Enum.GetValues<MessageChannel>()
            .Select(channel =>
            {
                int Of(params ChannelOutcome[] outcomes) => counts.Where(c => c.Channel == channel && outcomes.Contains(c.Outcome)).Sum(c => c.Sends);
                return new ChannelFigures(channel, Of(Enum.GetValues<ChannelOutcome>()), Of(ChannelOutcome.Delivered), Of(ChannelOutcome.Failed),
                    Of(ChannelOutcome.Canceled), channel == MessageChannel.Email ? unsubscribes : 0);
            })
            .Where(f => f.Sends > 0 || f.Unsubscribes > 0 || f.Channel == MessageChannel.Email)];
    }

    /// A partial hour: the sends that went out in it (by the sent-at index) and those due in it that have not (by the
    /// unsent index, per playbook of the company).
    private static async Task<List<ChannelSlice>> FromSendsAsync(RevenueAngelDbContext db, string companyId, List<long> playbooks, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct)
    {
        if (from >= to) return [];
        var went = db.Sends.Where(s => s.CompanyId == companyId && s.SentAt >= from && s.SentAt < to);
        var due = db.Sends.Where(s => playbooks.Contains(s.PlaybookId) && s.SentAt == null && s.ScheduledFor >= from && s.ScheduledFor < to
                                      && s.CompanyId == companyId);
        var rows = await went.Concat(due)
            .GroupBy(s => new { s.Channel, s.Status })
            .Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ChannelSlice(r.Channel, OutcomeOf(r.Status), r.Count))];
    }

    private static ChannelOutcome OutcomeOf(SendStatus status) => status switch
    {
        SendStatus.Sent or SendStatus.Unknown => ChannelOutcome.Delivered,
        SendStatus.Failed => ChannelOutcome.Failed,
        SendStatus.Canceled => ChannelOutcome.Canceled,
        _ => ChannelOutcome.Pending,
    };

    private sealed record ChannelSlice(MessageChannel Channel, ChannelOutcome Outcome, int Sends);
}
