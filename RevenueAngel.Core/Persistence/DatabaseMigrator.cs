using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Persistence;

/// Applies pending migrations before the app serves anything. EF Core takes a database lock while
/// migrating, so replicas starting together apply each migration once.
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStartup) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Dialect.PrepareAsync(db, cancellationToken);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0) return;
        LogMigrating(pending.Count, db.Database.ProviderName);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Applying {Count} migration(s) on {Provider}")]
    private partial void LogMigrating(int count, string? provider);
}
