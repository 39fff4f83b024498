using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

/// <param name="Sends">Sends that went out or were due in the window, whatever became of them.</param>
/// <param name="Unsubscribes">Email only: addresses that unsubscribed in the window.</param>
public sealed record ChannelFigures(MessageChannel Channel, int Sends, int Delivered, int Failed, int Skipped, int Unsubscribes);

/// Sends, deliveries, failures and unsubscribes per channel, for the Analytics page.
public sealed class ChannelReport(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async Task<IReadOnlyList<ChannelFigures>> ReadAsync(string companyId, AnalyticsWindow window, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await db.Sends.AsNoTracking()
            .Where(s => s.CompanyId == companyId && (s.SentAt ?? s.ScheduledFor) >= window.From && (s.SentAt ?? s.ScheduledFor) < window.To)
            .GroupBy(s => new { s.Channel, s.Status })
            .Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var unsubscribes = await db.EmailSuppressions.AsNoTracking()
            .CountAsync(s => s.CompanyId == companyId && s.Reason == Email.SuppressionReason.Unsubscribed && s.At >= window.From && s.At < window.To, ct);
        return [.. Enum.GetValues<MessageChannel>()
            .Select(channel =>
            {
                int Of(params SendStatus[] statuses) => counts.Where(c => c.Channel == channel && statuses.Contains(c.Status)).Sum(c => c.Count);
                return new ChannelFigures(channel, Of(Enum.GetValues<SendStatus>()), Of(SendStatus.Sent, SendStatus.Unknown), Of(SendStatus.Failed),
                    Of(SendStatus.Canceled), channel == MessageChannel.Email ? unsubscribes : 0);
            })
            .Where(f => f.Sends > 0 || f.Unsubscribes > 0 || f.Channel == MessageChannel.Email)];
    }
}
