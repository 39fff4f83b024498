using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Dispatch;

/// The dispatch app whose database refuses chosen send writes, and whose renders run past their time budget, when a
/// test says so.
public sealed class DispatchDatabaseFaultFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public SendWriteFailures SendWrites { get; } = new();

    public RenderClock RenderClock { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings) => settings["Whop:MaxRetries"] = "0";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<PostgresRevenueAngelDbContext>(o => o.AddInterceptors(SendWrites));
        services.AddSingleton(sp => new LiquidTemplates(sp.GetRequiredService<IOptions<MessagingOptions>>(), RenderClock));
    }
}

/// The clock a render's time budget reads: still, or (Slow) two seconds on at every look, so any render overruns.
public sealed class RenderClock : TimeProvider
{
    private long _ticks;

    public bool Slow { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, Slow ? 2 * TimeSpan.TicksPerSecond : 0);
}
