using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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
    private readonly (PropertyInfo Clr, ValueConverter? Converter)[] _columns;

    private WebhookInsert(RevenueAngelDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(WebhookEvent))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        _columns = [.. properties.Select(p => (p.PropertyInfo ?? throw new InvalidOperationException($"{p.Name} has no CLR property."),
            p.GetTypeMapping().Converter))];
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
        var values = new object[insert._columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (clr, converter) = insert._columns[i];
            var value = clr.GetValue(row);
            values[i] = (value is not null && converter is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
        }
        return await db.Database.ExecuteSqlRawAsync(insert._sql, values, ct) == 1;
    }
}
