using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Persistence.Dialects;

/// The sends arrive as parallel arrays unnested into rows and joined to the table on the key.
internal sealed class PostgresSendWrite : ISendWriteSql
{
    public static readonly PostgresSendWrite Instance = new();

    private const string Sql = """
        UPDATE sends AS s SET
            channel = v.channel, status = v.status, scheduled_for = v.scheduled_for, lease_expires_at = v.lease_expires_at,
            call_started_at = v.call_started_at, sent_at = v.sent_at, attempts = v.attempts, last_error = v.last_error,
            title = v.title, body = v.body, cta_label = v.cta_label, cta_url = v.cta_url, external_id = v.external_id,
            click_token = v.click_token, variant = v.variant
        FROM unnest(@ids, @channels, @statuses, @scheduled, @leases, @calls, @sent, @attempts, @errors, @titles, @bodies, @labels, @urls,
                    @externals, @tokens, @variants)
            AS v(id, channel, status, scheduled_for, lease_expires_at, call_started_at, sent_at, attempts, last_error, title, body, cta_label,
                 cta_url, external_id, click_token, variant)
        WHERE s.id = v.id
        """;

    public async Task WriteAsync(RevenueAngelDbContext db, IReadOnlyList<Send> sends, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(Sql, [
            new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sends.Select(s => s.Id).ToArray() },
            Texts("channels", sends.Select(s => StoredEnum<MessageChannel>.ToText(s.Channel))),
            Texts("statuses", sends.Select(s => StoredEnum<SendStatus>.ToText(s.Status))),
            Instants("scheduled", sends.Select(s => (DateTimeOffset?)s.ScheduledFor)),
            Instants("leases", sends.Select(s => s.LeaseExpiresAt)),
            Instants("calls", sends.Select(s => s.CallStartedAt)),
            Instants("sent", sends.Select(s => s.SentAt)),
            new NpgsqlParameter("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = sends.Select(s => s.Attempts).ToArray() },
            Texts("errors", sends.Select(s => s.LastError)),
            Texts("titles", sends.Select(s => s.Title)),
            Texts("bodies", sends.Select(s => s.Body)),
            Texts("labels", sends.Select(s => s.CtaLabel)),
            Texts("urls", sends.Select(s => s.CtaUrl)),
            Texts("externals", sends.Select(s => s.ExternalId)),
            Texts("tokens", sends.Select(s => s.ClickToken)),
            Texts("variants", sends.Select(s => s.Variant)),
        ], ct);

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };

    private static NpgsqlParameter Instants(string name, IEnumerable<DateTimeOffset?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = values.Select(v => v is { } at ? at.ToUniversalTime() : (object)DBNull.Value).ToArray() };
}
