using Microsoft.Extensions.Hosting;
using RevenueAngel.Core.Demo;

namespace RevenueAngel.Demo;

internal sealed class DemoSeedingService(DemoMode mode, DemoSeeder seeder) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.IsEnabled) await seeder.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
