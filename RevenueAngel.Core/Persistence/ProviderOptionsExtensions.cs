using Microsoft.EntityFrameworkCore;

namespace RevenueAngel.Core.Persistence;

/// Both providers load a playbook with its steps and their variants in one query: a handful of rows, where split
/// queries would only add round trips (and saying so keeps EF from warning about it at every start).
public static class ProviderOptionsExtensions
{
    public static DbContextOptionsBuilder UseRevenueAngelPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseRevenueAngelSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();
}
