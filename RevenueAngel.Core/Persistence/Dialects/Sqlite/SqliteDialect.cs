using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Core.Persistence.Dialects;

/// SQLite: instants are UTC ticks (UtcTicksConverter), so an hour or a day is integer arithmetic; lists are JSON
/// arrays read with json_each; one writer at a time, so a write transaction is already the lock.
internal sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string UtcHour(string instant) => $"({instant} - {instant} % {TimeSpan.TicksPerHour})";

    public object Instant(DateTimeOffset value) => value.UtcTicks;

    public object Span(TimeSpan value) => value.Ticks;

    public string EachId(string parameter) => $"SELECT value FROM json_each(@{parameter})";

    public object Ids(IReadOnlyCollection<long> ids) => System.Text.Json.JsonSerializer.Serialize(ids);

    public Task RefreshStatisticsAsync(RevenueAngelDbContext db, string table, CancellationToken ct) => Task.CompletedTask;

    // One writer at a time: the claiming transaction's write lock keeps every other claimer out already.
    public string SkipLocked => "";

    // The caller's transaction takes SQLite's single write lock at its first write, which serialises it already.
    public Task LockUntilCommitAsync(RevenueAngelDbContext db, string key, CancellationToken ct) => Task.CompletedTask;

    public IWebhookClaimSql WebhookClaim => SqliteWebhookClaim.Instance;

    public ILeadUpsertSql LeadUpsert => SqliteLeadUpsert.Instance;

    public Dispatch.ISendWriteSql SendWrite => SqliteSendWrite.Instance;

    public async Task PrepareAsync(RevenueAngelDbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
}
