using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;

namespace RevenueAngel.Core.Persistence.Dialects;

/// The batch arrives as one JSON array read with json_each. SQLite has no way to tell an inserted row from an
/// updated one in RETURNING, so the batch's existing leads are counted first (SQLite has one writer, and the
/// import's transaction holds it, so the count stays true); the statement's changes are the created plus the updated.
internal sealed class SqliteLeadUpsert : ILeadUpsertSql
{
    public static readonly SqliteLeadUpsert Instance = new();

    private const string Rows = "SELECT json_extract(value, '$.e') AS email, json_extract(value, '$.n') AS name, json_extract(value, '$.u') AS utm_source, "
        + "json_extract(value, '$.c') AS consent, json_extract(value, '$.t') AS consent_text FROM json_each(@rows)";

    private const string CountExisting = $"SELECT count(*) AS \"Value\" FROM leads WHERE company_id = @company AND email IN (SELECT email FROM ({Rows}))";

    private const string Upsert = $"""
        INSERT INTO leads (company_id, email, name, source, status, email_consent, consent_text, consent_at, utm_source, captured_at)
        SELECT @company, b.email, b.name, @source, @status, b.consent, b.consent_text, CASE WHEN b.consent THEN @now END, b.utm_source, @now
        FROM ({Rows}) AS b WHERE true
        ON CONFLICT (company_id, email) DO UPDATE SET
            name = COALESCE(leads.name, excluded.name),
            utm_source = COALESCE(leads.utm_source, excluded.utm_source),
            email_consent = leads.email_consent OR (excluded.email_consent AND leads.status <> @unsubscribed),
            consent_text = CASE WHEN NOT leads.email_consent AND excluded.email_consent AND leads.status <> @unsubscribed THEN excluded.consent_text ELSE leads.consent_text END,
            consent_at = CASE WHEN NOT leads.email_consent AND excluded.email_consent AND leads.status <> @unsubscribed THEN excluded.consent_at ELSE leads.consent_at END
        WHERE (leads.name IS NULL AND excluded.name IS NOT NULL)
           OR (leads.utm_source IS NULL AND excluded.utm_source IS NOT NULL)
           OR (NOT leads.email_consent AND excluded.email_consent AND leads.status <> @unsubscribed)
        """;

    public async Task<UpsertCounts> UpsertAsync(RevenueAngelDbContext db, string companyId, IReadOnlyList<ImportedLead> batch, DateTimeOffset now, CancellationToken ct)
    {
        var rows = JsonSerializer.Serialize(batch.Select(l => new { e = l.Email, n = l.Name, u = l.UtmSource, c = l.Consent, t = l.ConsentText }));
        var existing = await db.Database.SqlQueryRaw<int>(CountExisting, new SqliteParameter("company", companyId), new SqliteParameter("rows", rows))
            .SingleAsync(ct);
        var changed = await db.Database.ExecuteSqlRawAsync(Upsert, [
            new SqliteParameter("company", companyId),
            new SqliteParameter("rows", rows),
            new SqliteParameter("source", LeadSources.Csv),
            new SqliteParameter("status", StoredEnum<LeadStatus>.ToText(LeadStatus.New)),
            new SqliteParameter("unsubscribed", StoredEnum<LeadStatus>.ToText(LeadStatus.Unsubscribed)),
            // The SQLite model stores instants as UTC ticks (UtcTicksConverter).
            new SqliteParameter("now", now.UtcTicks)], ct);
        var created = batch.Count - existing;
        return new UpsertCounts(created, changed - created);
    }
}
