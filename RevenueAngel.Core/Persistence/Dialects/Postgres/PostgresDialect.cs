using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Core.Persistence.Dialects;

/// PostgreSQL: instants are timestamptz, lists are bigint arrays, locks are transaction-scoped advisory locks.
internal sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string UtcHour(string instant) => $"(date_trunc('hour', {instant} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')";

    public object Instant(DateTimeOffset value) => value;

    public object Span(TimeSpan value) => value;

    public string EachId(string parameter) => $"SELECT unnest(@{parameter})";

    public object Ids(IReadOnlyCollection<long> ids) => ids.ToArray();

    /// <param name="table">One of our table names (a constant, never input).</param>
    public async Task RefreshStatisticsAsync(RevenueAngelDbContext db, string table, CancellationToken ct)
    {
        if (!table.All(c => char.IsAsciiLetterLower(c) || c == '_')) throw new ArgumentException($"Not a table name: {table}", nameof(table));
        await db.Database.ExecuteSqlRawAsync(string.Concat("ANALYZE ", table), ct);
    }

    public string SkipLocked => "FOR UPDATE SKIP LOCKED";

    // Under READ COMMITTED two transactions can each miss the other's uncommitted row; the lock orders them.
    public async Task LockUntilCommitAsync(RevenueAngelDbContext db, string key, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [LockKey(key)], ct);

    public IWebhookClaimSql WebhookClaim => PostgresWebhookClaim.Instance;

    public ILeadUpsertSql LeadUpsert => PostgresLeadUpsert.Instance;

    public Dispatch.ISendWriteSql SendWrite => PostgresSendWrite.Instance;

    public Task PrepareAsync(RevenueAngelDbContext db, CancellationToken ct) => Task.CompletedTask;

    internal static long LockKey(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
