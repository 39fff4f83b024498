using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Tests.Infrastructure;

/// The real app (Program) in process, configured through its own settings.
public sealed class RevenueAngelApp(Dictionary<string, string?> settings, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public TimeProvider? Time { get; init; }

    /// Services a test puts in after the app's own (at the process edge: interceptors, fakes).
    public Action<IServiceCollection>? TestServices { get; init; }

    /// When set, receives every log line at every level.
    public CapturedLogs? Logs { get; init; }

    public RevenueAngelDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>().CreateDbContext();

    /// Starts the app expecting the host to refuse, and returns the host's own "failed to start" log line with its
    /// exception. The host fails on Program's thread; depending on which thread gets there first the factory rethrows
    /// that error or trips over the already disposed host, so the log line is the dependable witness.
    public string StartExpectingFailure()
    {
        var logs = Logs ?? throw new InvalidOperationException("Set Logs to read why the host did not start.");
        Assert.ThrowsAny<Exception>(() => CreateClient());
        return Assert.Single(logs.Lines, line => line.Contains("Hosting failed to start"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development the host serves package assets (MudBlazor, _framework) only from a publish folder.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (Time is { } time) builder.ConfigureTestServices(services => services.AddSingleton(time));
        if (TestServices is { } configure) builder.ConfigureTestServices(configure);
        if (Logs is { } logs) builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
    }
}
