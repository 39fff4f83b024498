using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Persistence.Dialects;

/// The sends arrive as one JSON array read with json_each (instants as UTC ticks, as the model stores them).
internal sealed class SqliteSendWrite : ISendWriteSql
{
    public static readonly SqliteSendWrite Instance = new();

    private const string Sql = """
        UPDATE sends SET
            channel = json_extract(v.value, '$.c'), status = json_extract(v.value, '$.s'), scheduled_for = json_extract(v.value, '$.f'),
            lease_expires_at = json_extract(v.value, '$.l'), call_started_at = json_extract(v.value, '$.k'), sent_at = json_extract(v.value, '$.a'),
            attempts = json_extract(v.value, '$.n'), last_error = json_extract(v.value, '$.e'), title = json_extract(v.value, '$.t'),
            body = json_extract(v.value, '$.b'), cta_label = json_extract(v.value, '$.cl'), cta_url = json_extract(v.value, '$.cu'),
            external_id = json_extract(v.value, '$.x'), click_token = json_extract(v.value, '$.ct'), variant = json_extract(v.value, '$.v')
        FROM json_each(@rows) AS v
        WHERE sends.id = json_extract(v.value, '$.id')
        """;

    public async Task WriteAsync(RevenueAngelDbContext db, IReadOnlyList<Send> sends, CancellationToken ct)
    {
        var rows = JsonSerializer.Serialize(sends.Select(s => new
        {
            id = s.Id, c = StoredEnum<MessageChannel>.ToText(s.Channel), s = StoredEnum<SendStatus>.ToText(s.Status), f = s.ScheduledFor.UtcTicks,
            l = s.LeaseExpiresAt?.UtcTicks, k = s.CallStartedAt?.UtcTicks, a = s.SentAt?.UtcTicks, n = s.Attempts, e = s.LastError,
            t = s.Title, b = s.Body, cl = s.CtaLabel, cu = s.CtaUrl, x = s.ExternalId, ct = s.ClickToken, v = s.Variant,
        }));
        await db.Database.ExecuteSqlRawAsync(Sql, [new SqliteParameter("rows", rows)], ct);
    }
}
