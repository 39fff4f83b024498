using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Dispatch;

/// The dispatch app whose database refuses chosen send writes when a test says so.
public sealed class DispatchDatabaseFaultFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public SendWriteFailures SendWrites { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings) => settings["Whop:MaxRetries"] = "0";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<PostgresRevenueAngelDbContext>(o => o.AddInterceptors(SendWrites));
}
