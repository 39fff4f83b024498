using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RevenueAngel.Core;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Demo;

namespace RevenueAngel.Tests.Infrastructure;

/// Core composed exactly as the app composes it (migrator and demo seeding included), without the web layer.
public sealed class CoreHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _contentRoot;

    private CoreHost(IHost host, string? contentRoot)
    {
        _host = host;
        _contentRoot = contentRoot;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<CoreHost> StartAsync(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var contentRoot = Directory.CreateTempSubdirectory("ra-test-core-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = contentRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.AddRevenueAngelCore();
        builder.AddDemoSeeding();
        var host = builder.Build();
        await host.StartAsync();
        return new CoreHost(host, contentRoot);
    }

    /// The embedded SQLite flavour: a database file in this host's own temp folder.
    public static Task<CoreHost> StartSqliteAsync(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        settings["ConnectionStrings:RevenueAngel"] = null;
        settings["Database:SqlitePath"] = "db/revenueangel.db";
        return StartAsync(settings, time);
    }

    public RevenueAngelDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_contentRoot is not null) Directory.Delete(_contentRoot, recursive: true);
    }
}
