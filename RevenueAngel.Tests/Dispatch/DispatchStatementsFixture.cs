using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Dispatch;

/// The dispatch app with every database command of the app counted (at the process edge, by an EF interceptor) and
/// Whop's client-side rate limit out of the way of a few hundred sends.
public sealed class DispatchStatementsFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public CommandCounter Commands { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Whop:MaxRetries"] = "0";
        settings["Whop:RequestsPerMinute"] = "100000";
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<PostgresRevenueAngelDbContext>(o => o.AddInterceptors(Commands));
}

/// Counts the commands EF sends (a command holding several statements, as a SaveChanges batch does, counts once: it is
/// one round trip).
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
