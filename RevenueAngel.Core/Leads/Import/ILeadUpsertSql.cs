using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Leads.Import;

internal sealed record UpsertCounts(int Created, int Updated);

/// One set-based upsert of a batch of imported leads, written in each provider's own SQL (Persistence/Dialects). Both keep the same
/// rules: a new lead gets source csv; an existing one keeps its source, status and any name or UTM source it has
/// (a blank never overwrites), and gains consent but never loses it (nor an unsubscribed lead regains it).
internal interface ILeadUpsertSql
{
    Task<UpsertCounts> UpsertAsync(RevenueAngelDbContext db, string companyId, IReadOnlyList<ImportedLead> batch, DateTimeOffset now, CancellationToken ct);
}
