using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RevenueAngel.Core.Persistence;

internal static class PersistenceRegistration
{
    /// PostgreSQL when ConnectionStrings:RevenueAngel is set, else the embedded SQLite file.
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddContext<PostgresRevenueAngelDbContext>(o => o.UseRevenueAngelPostgres(connectionString));
            builder.Services.AddSingleton(sp => new RepeatingWorkContexts(PreparingPool(sp, connectionString)));
        }
        else
        {
            var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
            var path = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            builder.Services.AddContext<SqliteRevenueAngelDbContext>(o =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                o.UseRevenueAngelSqlite($"Data Source={path};Default Timeout=30");
            });
            builder.Services.AddSingleton(sp => new RepeatingWorkContexts(sp.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>()));
        }

        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    // Components and jobs ask for IDbContextFactory<RevenueAngelDbContext> (a circuit outlives a unit of
    // work); request-scoped code may take RevenueAngelDbContext itself. Both hide the provider.
    private static void AddContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : RevenueAngelDbContext
    {
        services.AddPooledDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<RevenueAngelDbContext>>(sp =>
            new UpcastContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        services.AddScoped<RevenueAngelDbContext>(sp =>
            sp.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>().CreateDbContext());
    }

    /// The app's context options (interceptors and all) with the repeating work's connection string, so a pool of its own.
    private static IDbContextFactory<RevenueAngelDbContext> PreparingPool(IServiceProvider services, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresRevenueAngelDbContext>(services.GetRequiredService<DbContextOptions<PostgresRevenueAngelDbContext>>())
            .UseNpgsql(ProviderOptionsExtensions.WithRepeatedStatementsPrepared(ProviderOptionsExtensions.WithoutJit(connectionString)))
            .Options;
        return new UpcastContextFactory<PostgresRevenueAngelDbContext>(new PooledDbContextFactory<PostgresRevenueAngelDbContext>(options));
    }

    private sealed class UpcastContextFactory<TContext>(IDbContextFactory<TContext> inner)
        : IDbContextFactory<RevenueAngelDbContext> where TContext : RevenueAngelDbContext
    {
        public RevenueAngelDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
