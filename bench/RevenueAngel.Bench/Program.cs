using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RevenueAngel.Bench;
using RevenueAngel.Core;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;

// Webhook ingest over HTTP (HttpIngestBench) and backlog drain follow (WebhookBench), then the revenue dashboard over 1M sends (AnalyticsBench).
// Enrolment of 100,000 members in a 3-step playbook on PostgreSQL, against a hand-written INSERT … SELECT of the
// same enrolments and sends measured in the same run (EnrolmentBench).
var connectionString = Environment.GetEnvironmentVariable("RA_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set RA_BENCH_POSTGRES (scripts/bench.sh starts a throwaway PostgreSQL and sets it).");
var members = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:RevenueAngel"] = connectionString,
    ["Demo:Enabled"] = "false", ["Messaging:PublicBaseUrl"] = "https://bench.example.com",
    ["Whop:ApiKey"] = "bench", ["Whop:AppId"] = "app_bench", ["Whop:WebhookSecrets:0"] = "ws_bench",
});
builder.Configuration.AddEnvironmentVariables("RA_BENCH_SET_"); // e.g. RA_BENCH_SET_Webhooks__Workers=4 to try a setting
builder.AddRevenueAngelCore();
using var host = builder.Build();
await host.StartAsync();

var contexts = host.Services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>();
var events = int.TryParse(Environment.GetEnvironmentVariable("RA_BENCH_EVENTS"), out var n) ? n : 20_000;
if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") == "analytics")
{
    await AnalyticsBench.RunAsync(host.Services, connectionString);
    return;
}
if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") == "drain")
{
    var (drainCompany, _) = await BenchData.SeedAsync(connectionString, contexts, 10_000);
    await BacklogDrainBench.RunAsync(host.Services, connectionString, drainCompany, 10_000, int.TryParse(Environment.GetEnvironmentVariable("RA_BENCH_EVENTS"), out var backlog) ? backlog : 100_000);
    return;
}
var dispatchSends = int.TryParse(Environment.GetEnvironmentVariable("RA_BENCH_SENDS"), out var d) ? d : 20_000;
int[] dispatchWorkers = [.. (Environment.GetEnvironmentVariable("RA_BENCH_DISPATCH_WORKERS") ?? "1,4").Split(',').Select(int.Parse)];
if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") == "dispatch")
{
    await DispatchBench.RunAsync(connectionString, dispatchSends, dispatchWorkers);
    return;
}
if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") is "webhooks" or "ingest")
{
    var (benchCompany, _) = await BenchData.SeedAsync(connectionString, contexts, 1_000);
    await HttpIngestBench.RunAsync(connectionString, benchCompany, events);
    if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") == "webhooks") await WebhookBench.RunAsync(host.Services, benchCompany, events);
    return;
}
var (companyId, playbookId) = await BenchData.SeedAsync(connectionString, contexts, members);
Console.WriteLine($"Seeded {members:N0} members; the playbook's rules match all of them; 10% holdout.");

await EnrolmentBench.RunAsync(host.Services, connectionString, companyId, playbookId);
if (Environment.GetEnvironmentVariable("RA_BENCH_ONLY") == "enrolment") return;

await HttpIngestBench.RunAsync(connectionString, companyId, events);
await WebhookBench.RunAsync(host.Services, companyId, events);
await AnalyticsBench.RunAsync(host.Services, connectionString);
await DispatchBench.RunAsync(connectionString, dispatchSends, dispatchWorkers);
await host.StopAsync();
NpgsqlConnection.ClearAllPools();
