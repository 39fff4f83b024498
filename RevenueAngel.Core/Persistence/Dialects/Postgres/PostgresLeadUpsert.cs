using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Core.Persistence.Dialects;

/// The batch arrives as parallel arrays unnested into rows; `xmax = 0` tells a fresh row from an updated one, and
/// the DO UPDATE's WHERE leaves rows with nothing new untouched (and unreturned).
internal sealed class PostgresLeadUpsert : ILeadUpsertSql
{
    public static readonly PostgresLeadUpsert Instance = new();

    private const string Sql = """
        INSERT INTO leads (company_id, email, name, source, status, email_consent, consent_text, consent_at, utm_source, captured_at)
        SELECT @company, b.email, b.name, @source, @status, b.consent, b.consent_text, CASE WHEN b.consent THEN @now END, b.utm_source, @now
        FROM unnest(@emails, @names, @utms, @consents, @texts) AS b(email, name, utm_source, consent, consent_text)
        ON CONFLICT (company_id, email) DO UPDATE SET
            name = COALESCE(leads.name, EXCLUDED.name),
            utm_source = COALESCE(leads.utm_source, EXCLUDED.utm_source),
            email_consent = leads.email_consent OR (EXCLUDED.email_consent AND leads.status <> @unsubscribed),
            consent_text = CASE WHEN NOT leads.email_consent AND EXCLUDED.email_consent AND leads.status <> @unsubscribed THEN EXCLUDED.consent_text ELSE leads.consent_text END,
            consent_at = CASE WHEN NOT leads.email_consent AND EXCLUDED.email_consent AND leads.status <> @unsubscribed THEN EXCLUDED.consent_at ELSE leads.consent_at END
        WHERE (leads.name IS NULL AND EXCLUDED.name IS NOT NULL)
           OR (leads.utm_source IS NULL AND EXCLUDED.utm_source IS NOT NULL)
           OR (NOT leads.email_consent AND EXCLUDED.email_consent AND leads.status <> @unsubscribed)
        RETURNING (xmax = 0) AS "Value"
        """;

    public async Task<UpsertCounts> UpsertAsync(RevenueAngelDbContext db, string companyId, IReadOnlyList<ImportedLead> batch, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = await db.Database.SqlQueryRaw<bool>(Sql,
            new NpgsqlParameter("company", companyId),
            new NpgsqlParameter("source", LeadSources.Csv),
            new NpgsqlParameter("status", StoredEnum<LeadStatus>.ToText(LeadStatus.New)),
            new NpgsqlParameter("unsubscribed", StoredEnum<LeadStatus>.ToText(LeadStatus.Unsubscribed)),
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now },
            Texts("emails", batch.Select(l => (string?)l.Email)),
            Texts("names", batch.Select(l => l.Name)),
            Texts("utms", batch.Select(l => l.UtmSource)),
            new NpgsqlParameter("consents", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = batch.Select(l => l.Consent).ToArray() },
            Texts("texts", batch.Select(l => l.ConsentText))).ToListAsync(ct);
        var created = inserted.Count(i => i);
        return new UpsertCounts(created, inserted.Count - created);
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };
}
