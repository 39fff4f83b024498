using System.Net;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Deployment.Replicas;

/// Several published app processes on their own ports, one PostgreSQL database and one fake Whop over real HTTP, as
/// replicas behind a load balancer would run. A replica can be killed (SIGKILL) and started again on its port.
public sealed class ReplicaCluster : IAsyncDisposable
{
    public const string AppId = "app_revenueangel_replicas";
    public const string WebhookSecret = "ws_replica_secret";

    private readonly PublishedAppFixture _published;
    private readonly Replica[] _replicas;

    private readonly IReadOnlyDictionary<string, string> _overrides;

    private ReplicaCluster(PublishedAppFixture published, FakeWhopServer whop, string database, int count, IReadOnlyDictionary<string, string> overrides)
    {
        _published = published;
        _overrides = overrides;
        Whop = whop;
        Database = database;
        _replicas = [.. Enumerable.Range(0, count).Select(i => new Replica(i, FreePort.Next()))];
    }

    public FakeWhopServer Whop { get; }
    public string Database { get; }
    public int Count => _replicas.Length;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static async Task<ReplicaCluster> StartAsync(PublishedAppFixture published, PostgresServer postgres, int replicas,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var whop = await FakeWhopServer.StartAsync();
        whop.Store.Requests.Limit = int.MaxValue;
        var cluster = new ReplicaCluster(published, whop, await postgres.CreateDatabaseAsync("replicas"), replicas,
            overrides ?? new Dictionary<string, string>());
        // The first one migrates the database; the others then start side by side.
        cluster.Start(0);
        await cluster.WaitUntilHealthyAsync(0);
        for (var i = 1; i < replicas; i++) cluster.Start(i);
        for (var i = 1; i < replicas; i++) await cluster.WaitUntilHealthyAsync(i);
        return cluster;
    }

    public HttpClient Http(int replica) => _replicas[replica].Http;

    public bool IsRunning(int replica) => _replicas[replica].Current is { Process.HasExited: false };

    /// SIGKILL: no shutdown hook, no job interruption, no lease released.
    public void Kill(int replica) => _replicas[replica].Current?.Kill();

    public void Start(int replica)
    {
        var r = _replicas[replica];
        r.Current = new AppProcess(_published.PublishDir, Environment(r));
        r.Runs.Add(r.Current);
    }

    public async Task WaitUntilHealthyAsync(int replica)
    {
        var r = _replicas[replica];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (r.Current!.Process.HasExited) Assert.Fail($"replica {replica} exited with {r.Current.Process.ExitCode}: {r.Current.Output}");
            try
            {
                if ((await r.Http.GetAsync("/healthz", Ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, Ct);
        }
        Assert.Fail($"replica {replica} did not become healthy in 120 s: {r.Current!.Output}");
    }

    /// Every process a replica has run, oldest first, with its output.
    public IReadOnlyList<AppProcess> Runs(int replica) => _replicas[replica].Runs;

    public RevenueAngelDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<PostgresRevenueAngelDbContext>();
        options.UseRevenueAngelPostgres(Database);
        return new PostgresRevenueAngelDbContext(options.Options);
    }

    /// The replica whose dispatch job is running now, if one is (read from Quartz's table of executing firings).
    public async Task<int?> DispatchingReplicaAsync()
    {
        await using var db = CreateDbContext();
        var nodes = await db.Database.SqlQueryRaw<string>(
            "SELECT instance_name AS \"Value\" FROM qrtz_fired_triggers WHERE job_name = 'DispatchJob' AND state = 'EXECUTING'").ToListAsync(Ct);
        return nodes.Select(NodeReplica).FirstOrDefault(r => r is not null && IsRunning(r.Value));
    }

    private static int? NodeReplica(string node) =>
        node.Split('-')[0] is var head && head.StartsWith("replica", StringComparison.Ordinal) && int.TryParse(head["replica".Length..], out var index)
            ? index : null;

    private Dictionary<string, string> Environment(Replica replica)
    {
        var settings = new Dictionary<string, string>(_published.ContainerEnvironment)
        {
            ["ASPNETCORE_HTTP_PORTS"] = replica.Port.ToString(),
            // A node id per process run (as AUTO gives), which names the replica it runs in.
            ["Jobs__InstanceId"] = $"replica{replica.Index}-run{replica.Runs.Count + 1}",
            ["ConnectionStrings__RevenueAngel"] = Database,
            ["Whop__ApiKey"] = Whop.Store.ApiKey,
            ["Whop__AppId"] = AppId,
            ["Whop__ApiBaseUrl"] = Whop.ApiBaseUrl,
            ["Whop__JwksUrl"] = Whop.JwksUrl,
            ["Whop__WebhookSecrets__0"] = WebhookSecret,
            ["Messaging__PublicBaseUrl"] = "https://revenueangel.example",
            // The render budget guards against a creator's costly template; on two cores shared with the rest of the
            // suite a plain one can miss 1 s, which would fail a send for a reason this test is not about.
            ["Messaging__RenderTimeoutMs"] = "30000",
            // The test's companies are synced already; only dispatch and webhook processing run.
            ["Whop__SyncOnInstall"] = "false",
            ["Whop__SyncPollSeconds"] = "3600",
            ["Dispatch__SchedulerSeconds"] = "3600",
            ["Offers__MaintenanceSeconds"] = "3600",
            // Rate limits raised (each test company's own is raised in its row); one Whop call at most 27 s, under the lease.
            ["Whop__RequestsPerMinute"] = "100000",
            ["Whop__AttemptTimeoutSeconds"] = "10",
            ["Whop__MaxRetries"] = "1",
            ["Whop__MaxRetryAfterSeconds"] = "5",
            // Jobs every 2 s and idle nodes looking every 1 s: the node that just ran a job is not always first to take
            // its next firing.
            ["Dispatch__PollSeconds"] = "2",
            ["Dispatch__LeaseSeconds"] = "30",
            ["Webhooks__PollSeconds"] = "2",
            // A killed node is written off after 1 + 4 s, so what it was running is recovered within the test.
            ["Jobs__ClusterCheckinSeconds"] = "1",
            ["Jobs__ClusterCheckinMisfireSeconds"] = "4",
            ["Jobs__IdleWaitSeconds"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__LogLevel__RevenueAngel.Web.Jobs.JobFiringLog"] = "Debug",
            // Five lines per Whop call otherwise; the console would be the bottleneck.
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
            ["Logging__LogLevel__Polly"] = "Warning",
        };
        foreach (var (key, value) in _overrides) settings[key] = value;
        return settings;
    }

    /// Writes every run's output to a folder of its own (named in the test's output) for reading after a failure.
    public string SaveLogs(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ra-replica-logs", $"{name}-{DateTime.UtcNow:HHmmss}");
        Directory.CreateDirectory(folder);
        foreach (var r in _replicas)
            for (var i = 0; i < r.Runs.Count; i++)
                File.WriteAllLines(Path.Combine(folder, $"replica{r.Index}-run{i + 1}.log"), r.Runs[i].Lines);
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _replicas)
        {
            foreach (var run in r.Runs) run.Dispose();
            r.Http.Dispose();
        }
        await Whop.DisposeAsync();
    }

    private sealed class Replica(int index, int port)
    {
        public int Index { get; } = index;
        public int Port { get; } = port;
        public HttpClient Http { get; } = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        public AppProcess? Current { get; set; }
        public List<AppProcess> Runs { get; } = [];
    }
}
