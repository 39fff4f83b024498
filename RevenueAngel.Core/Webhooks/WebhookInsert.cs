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
        var values = string.Join(", ", properties.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")));
        var key = sql.DelimitIdentifier(entity.FindProperty(nameof(WebhookEvent.WebhookId))!.GetColumnName());
        _sql = $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO NOTHING";
    }

    /// True when the row was stored; false when a delivery with the same webhook id already was.
    public static async Task<bool> TryInsertAsync(RevenueAngelDbContext db, WebhookEvent row, CancellationToken ct)
    {
        var insert = ByContext.GetOrAdd(db.GetType(), _ => new WebhookInsert(db));
        // Straight on the context's connection (ADO.NET, either provider): the statement is fixed, so EF's raw-SQL
        // pipeline (formatting the text, building a relational command per call) would only add time while Whop waits.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = insert._sql;
            // Each column's own type mapping makes its parameter: value converter, database type, typed nulls.
            for (var i = 0; i < insert._columns.Length; i++)
            {
                var (clr, mapping) = insert._columns[i];
                command.Parameters.Add(mapping.CreateParameter(command, $"p{i}", clr.GetValue(row)));
            }
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
