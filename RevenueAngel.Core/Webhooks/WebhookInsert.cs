using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

/// Stores a delivery in one statement, `INSERT … ON CONFLICT (webhook_id) DO NOTHING` (PostgreSQL and SQLite both
/// have it): no lookup first, no change tracking, no unique-violation exception for a redelivery. The statement is
/// built once per provider from the EF model, so table, columns and value conversions (SQLite's UTC ticks, stored
/// enums) stay the model's.
internal sealed class WebhookInsert
{
    private static readonly ConcurrentDictionary<Type, WebhookInsert> ByContext = new();
    private readonly string _sql;
    private readonly (PropertyInfo Clr, RelationalTypeMapping Mapping)[] _columns;

    private WebhookInsert(RevenueAngelDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(WebhookEvent))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        _columns = [.. properties.Select(p => (p.PropertyInfo ?? throw new InvalidOperationException($"{p.Name} has no CLR property."),
            p.GetRelationalTypeMapping()))];
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var values = string.Join(", ", properties.Select((_, i) => $"{{{i}}}"));
        var key = sql.DelimitIdentifier(entity.FindProperty(nameof(WebhookEvent.WebhookId))!.GetColumnName());
        _sql = $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO NOTHING";
    }

    /// True when the row was stored; false when a delivery with the same webhook id already was.
    public static async Task<bool> TryInsertAsync(RevenueAngelDbContext db, WebhookEvent row, CancellationToken ct)
    {
        var insert = ByContext.GetOrAdd(db.GetType(), _ => new WebhookInsert(db));
        // Parameters from each column's own type mapping: its value converter, its database type, nulls typed.
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new object[insert._columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var (clr, mapping) = insert._columns[i];
            parameters[i] = mapping.CreateParameter(factory, $"p{i}", clr.GetValue(row));
        }
        return await db.Database.ExecuteSqlRawAsync(insert._sql, parameters, ct) == 1;
    }
}
