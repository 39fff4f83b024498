namespace RevenueAngel.Demo;

public static class DemoSeeding
{
    /// Seeds the demo company at start-up in demo mode. Call after AddRevenueAngelCore: hosted services start in
    /// registration order, so the database is migrated first.
    public static IHostApplicationBuilder AddDemoSeeding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<DemoSeedingService>();
        return builder;
    }
}
