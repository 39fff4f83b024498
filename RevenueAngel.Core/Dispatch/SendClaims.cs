using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Dispatch;

/// The dispatcher's leases. A claim moves due sends to `sending` with a lease, one statement per playbook; on PostgreSQL the
/// rows are picked `FOR UPDATE SKIP LOCKED`, so replicas claiming at once take different sends. A lease that
/// expires after Whop was called means the outcome is unknown: the send becomes `unknown` and is never claimed
/// again; one that expires before any call (the dispatcher died or stopped first) just puts the send back.
internal static class SendClaims
{
    public static async Task<(int Unknown, int Released)> ExpireLeasesAsync(RevenueAngelDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var unknown = await db.Sends.Where(s => s.Status == SendStatus.Sending && s.LeaseExpiresAt < now && s.CallStartedAt != null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SendStatus.Unknown)
                .SetProperty(s => s.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.LastError, "lease expired while sending; not resent to avoid a duplicate"), ct);
        var released = await db.Sends.Where(s => s.Status == SendStatus.Sending && s.LeaseExpiresAt < now && s.CallStartedAt == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SendStatus.Scheduled)
                .SetProperty(s => s.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        return (unknown, released);
    }

    /// Puts claimed sends that Whop was never called for back to `scheduled`, attempts untouched; at
    /// <paramref name="until"/> when given, else when they were due.
    public static Task<int> ReleaseAsync(RevenueAngelDbContext db, IReadOnlyCollection<long> ids, DateTimeOffset? until, string? reason,
        CancellationToken ct) =>
        db.Sends.Where(s => ids.Contains(s.Id) && s.Status == SendStatus.Sending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SendStatus.Scheduled)
                .SetProperty(s => s.ScheduledFor, s => until ?? s.ScheduledFor)
                .SetProperty(s => s.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.CallStartedAt, (DateTimeOffset?)null)
                .SetProperty(s => s.LastError, s => reason ?? s.LastError), ct);

    /// Per company, as many due sends as its send rate leaves for this minute (sent or in flight in the last 60 s
    /// count against it): the highest-priority playbook's first, each playbook's oldest first, so a payment-failed
    /// message never queues behind a batch of upsells. At most <paramref name="batchSize"/> in all. Every statement
    /// reads the due sends through their index in order, so a claim costs the same with a million waiting.
    public static async Task<IReadOnlyList<ClaimedSend>> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil,
        int defaultPerMinute, int batchSize, Func<string, bool> paused, CancellationToken ct)
    {
        var minuteAgo = now.AddMinutes(-1);
        var due = await db.Playbooks
            .Where(p => db.Sends.Any(s => s.PlaybookId == p.Id && s.Status == SendStatus.Scheduled && s.ScheduledFor <= now))
            .Join(db.Companies, p => p.CompanyId, c => c.Id, (p, c) => new { p.CompanyId, c.SendsPerMinute, PlaybookId = p.Id, p.Priority })
            .ToListAsync(ct);
        var claimed = new List<ClaimedSend>();
        // In a random order, so a company with a long queue does not keep the others out of every batch (and among a
        // company's playbooks of equal priority, none keeps the others waiting).
        foreach (var company in due.GroupBy(p => (p.CompanyId, p.SendsPerMinute)).Where(c => !paused(c.Key.CompanyId)).OrderBy(_ => Random.Shared.Next()))
        {
            if (claimed.Count >= batchSize) break;
            var companyId = company.Key.CompanyId;
            var used = await db.Sends.CountAsync(s => s.CompanyId == companyId
                && (s.Status == SendStatus.Sending || (s.SentAt > minuteAgo && s.Status != SendStatus.Scheduled)), ct);
            var budget = Math.Min((company.Key.SendsPerMinute ?? defaultPerMinute) - used, batchSize - claimed.Count);
            foreach (var playbook in company.OrderByDescending(p => p.Priority).ThenBy(_ => Random.Shared.Next()))
            {
                if (budget <= 0) break;
                var ids = await ClaimForPlaybookAsync(db, playbook.PlaybookId, budget, now, leaseUntil, ct);
                claimed.AddRange(ids.Select(id => new ClaimedSend(id, companyId)));
                budget -= ids.Count;
            }
        }
        return claimed;
    }

    private static async Task<List<long>> ClaimForPlaybookAsync(RevenueAngelDbContext db, long playbookId, int limit, DateTimeOffset now,
        DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var dialect = db.Dialect;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            UPDATE sends SET status = @sending, lease_expires_at = @lease
            WHERE id IN (
                SELECT s.id FROM sends s
                WHERE s.playbook_id = @playbook AND s.status = @scheduled AND s.scheduled_for <= @now
                ORDER BY s.scheduled_for, s.id
                LIMIT @limit
                {dialect.SkipLocked}
            )
            RETURNING id
            """;
        Add(command, "sending", StoredEnum<SendStatus>.ToText(SendStatus.Sending));
        Add(command, "scheduled", StoredEnum<SendStatus>.ToText(SendStatus.Scheduled));
        Add(command, "playbook", playbookId);
        Add(command, "limit", limit);
        Add(command, "now", dialect.Instant(now));
        Add(command, "lease", dialect.Instant(leaseUntil));
        if (command.Connection!.State != System.Data.ConnectionState.Open) await command.Connection.OpenAsync(ct);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

internal sealed record ClaimedSend(long Id, string CompanyId);
