using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;
using Respawn.Graph;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Tests.Infrastructure;

/// Empties RevenueAngel's own tables between tests (never Quartz's or the migrations history).
public sealed class DatabaseResetter(string connectionString, Respawner respawner)
{
    public static async Task<DatabaseResetter> CreateAsync(string connectionString, RevenueAngelDbContext db)
    {
        var tables = db.Model.GetEntityTypes()
            .Select(e => new Table("public", e.GetTableName()!))
            .Distinct()
            .ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            TablesToInclude = tables,
        });
        return new DatabaseResetter(connectionString, respawner);
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await respawner.ResetAsync(connection);
    }
}
