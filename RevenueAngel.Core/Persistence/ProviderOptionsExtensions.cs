using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RevenueAngel.Core.Persistence;

/// Both providers load a playbook with its steps and their variants in one query: a handful of rows, where split
/// queries would only add round trips (and saying so keeps EF from warning about it at every start).
public static class ProviderOptionsExtensions
{
    public static DbContextOptionsBuilder UseRevenueAngelPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithoutJit(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseRevenueAngelSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();

    /// PostgreSQL's JIT pays off for queries that run for seconds; ours run for milliseconds, and compiling the 90-day
    /// dashboard's largest read took longer (~120 ms) than running it. Off for our connections, unless the connection
    /// string's Options already decide.
    internal static string WithoutJit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        return builder.ConnectionString;
    }
}
