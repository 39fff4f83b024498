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

    /// The connections of RepeatingWorkContexts: a statement a connection has run twice is prepared there (Npgsql's
    /// automatic preparation, up to 100 per connection), unless the connection string sets `Max Auto Prepare` itself
    /// (0 turns it off, e.g. behind a pooler that cannot keep prepared statements).
    public static string WithRepeatedStatementsPrepared(string connectionString)
    {
        if (Names(connectionString, "maxautoprepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    internal const int MaxAutoPrepare = 100;

    /// Whether the connection string itself sets the keyword (however it is spaced or cased): Npgsql's builder cannot
    /// tell `Max Auto Prepare=0`, which an operator may write on purpose, from not set.
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));
}
