using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RevenueAngel.Core.Persistence;

/// Both providers load a playbook with its steps and their variants in one query: a handful of rows, where split
/// queries would only add round trips (and saying so keeps EF from warning about it at every start).
public static class ProviderOptionsExtensions
{
    public static DbContextOptionsBuilder UseRevenueAngelPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithSessionDefaults(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseRevenueAngelSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .UseSnakeCaseNamingConvention();

    /// The app's PostgreSQL sessions, unless the connection string already decides:
    /// - JIT off. It pays off for queries that run for seconds; ours run for milliseconds, and compiling the 90-day
    ///   dashboard's largest read took longer (~120 ms) than running it.
    /// - Statements prepared once a connection has run them twice (Npgsql's automatic preparation, up to 100 per
    ///   connection). The webhook drain runs the same few inserts and updates tens of thousands of times; parsing and
    ///   planning each again was most of PostgreSQL's work for them (100,000 events: 58.6 → 32.6 s). `Max Auto Prepare=0`
    ///   turns it off, e.g. behind a pooler that cannot keep prepared statements.
    /// The bench connects with the same settings, so its hand-written baselines get them too.
    public static string WithSessionDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        if (!Names(connectionString, "maxautoprepare"))
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (MaxAutoPrepare, 2);
        return builder.ConnectionString;
    }

    internal const int MaxAutoPrepare = 100;

    /// Whether the connection string itself sets the keyword (however it is spaced or cased): Npgsql's builder cannot
    /// tell `Max Auto Prepare=0`, which an operator may write on purpose, from not set.
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));
}
