using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Dispatch;

/// The dispatcher's leases. A claim moves due sends to `sending` with a lease in one statement; on PostgreSQL the
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
    /// count against it): the highest-priority playbook's first, then the oldest, so a payment-failed message never
    /// queues behind a batch of upsells. At most <paramref name="batchSize"/> in all.
    public static async Task<IReadOnlyList<ClaimedSend>> ClaimAsync(RevenueAngelDbContext db, DateTimeOffset now, DateTimeOffset leaseUntil,
        int defaultPerMinute, int batchSize, Func<string, bool> paused, CancellationToken ct)
    {
        var minuteAgo = now.AddMinutes(-1);
        var companies = await db.Sends.Where(s => s.Status == SendStatus.Scheduled && s.ScheduledFor <= now)
            .Select(s => s.CompanyId).Distinct()
            .Join(db.Companies, id => id, c => c.Id, (id, c) => new { c.Id, c.SendsPerMinute })
            .ToListAsync(ct);
        var claimed = new List<ClaimedSend>();
        // In a random order, so a company with a long queue does not keep the others out of every batch.
        foreach (var company in companies.Where(c => !paused(c.Id)).OrderBy(_ => Random.Shared.Next()))
        {
            if (claimed.Count >= batchSize) break;
            var used = await db.Sends.CountAsync(s => s.CompanyId == company.Id
                && (s.Status == SendStatus.Sending || (s.SentAt > minuteAgo && s.Status != SendStatus.Scheduled)), ct);
            var budget = Math.Min((company.SendsPerMinute ?? defaultPerMinute) - used, batchSize - claimed.Count);
            if (budget > 0)
                claimed.AddRange((await ClaimForCompanyAsync(db, company.Id, budget, now, leaseUntil, ct)).Select(id => new ClaimedSend(id, company.Id)));
        }
        return claimed;
    }

    private static async Task<List<long>> ClaimForCompanyAsync(RevenueAngelDbContext db, string companyId, int limit, DateTimeOffset now,
        DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            UPDATE sends SET status = @sending, lease_expires_at = @lease
            WHERE id IN (
                SELECT s.id FROM sends s JOIN playbooks p ON p.id = s.playbook_id
                WHERE s.company_id = @company AND s.status = @scheduled AND s.scheduled_for <= @now
                ORDER BY p.priority DESC, s.scheduled_for, s.id
                LIMIT @limit
                {(postgres ? "FOR UPDATE OF s SKIP LOCKED" : "")}
            )
            RETURNING id
            """;
        Add(command, "sending", StoredEnum<SendStatus>.ToText(SendStatus.Sending));
        Add(command, "scheduled", StoredEnum<SendStatus>.ToText(SendStatus.Scheduled));
        Add(command, "company", companyId);
        Add(command, "limit", limit);
        Add(command, "now", postgres ? now : now.UtcTicks);
        Add(command, "lease", postgres ? leaseUntil : leaseUntil.UtcTicks);
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
