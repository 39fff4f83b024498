using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Bench;

/// Webhook ingest over real HTTP against the published app in its own process (signed bodies; verify + store + 2xx;
/// processing switched off), at concurrency 1, 16 and 64, beside a baseline measured in the same run at the same
/// concurrency: N workers, each on its own connection, inserting the same rows with a bare Npgsql INSERT. While
/// ingest runs at 64, a dashboard page is loaded every 200 ms; the app's peak working set is reported at the end.
public static class HttpIngestBench
{
    private const string Secret = "ws_bench";
    private const string AppId = "app_bench";
    private static readonly int[] Levels = [1, 16, 64];

    public static async Task RunAsync(string connectionString, string companyId, int events)
    {
        var dll = Environment.GetEnvironmentVariable("RA_BENCH_APP")
            ?? throw new InvalidOperationException("Set RA_BENCH_APP to the published RevenueAngel.Web.dll (scripts/bench.sh does).");
        await using var whop = await FakeWhopServer.StartAsync();
        await using var app = await AppProcess.StartAsync(dll, new Dictionary<string, string>
        {
            ["ConnectionStrings__RevenueAngel"] = connectionString,
            ["Demo__Enabled"] = "false", ["Messaging__PublicBaseUrl"] = "https://ra.example.com",
            ["Whop__ApiKey"] = whop.Store.ApiKey, ["Whop__AppId"] = AppId, ["Whop__WebhookSecrets__0"] = Secret,
            ["Whop__ApiBaseUrl"] = whop.ApiBaseUrl, ["Whop__JwksUrl"] = whop.JwksUrl, ["Whop__AcceptLegacyUserTokenKey"] = "false",
            ["Whop__SyncPollSeconds"] = "3600", ["Whop__SyncOnInstall"] = "false",
            ["Dispatch__SchedulerSeconds"] = "3600", ["Dispatch__PollSeconds"] = "3600", ["Offers__MaintenanceSeconds"] = "3600",
            // Processing off: this measures the receiver only (the drain is measured on its own).
            ["Webhooks__ProcessOnReceipt"] = "false", ["Webhooks__PollSeconds"] = "3600",
            // One client address sends everything here; the per-address window would otherwise be what is measured.
            ["RateLimits__WebhooksPerIpPerMinute"] = "1000000", ["RateLimits__PagesPerUserPerMinute"] = "1000000",
        });
        _app = app;
        var admin = "user_bench_admin";
        whop.Store.Grant(admin, companyId, "admin");
        var token = whop.Store.Tokens.Mint(admin, AppId, DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(60),
        };

        // Warm-up: JIT, pools and plans on both sides.
        await IngestAsync(http, Sign(companyId, "warm", 1000), 16);
        await BareAsync(connectionString, Sign(companyId, "bare_warm", 1000), 16);
        // The first loads warm the page (JIT, JWKS, the access check); the third is the one reported.
        var page = 0.0;
        for (var i = 0; i < 3; i++) page = await TimePageAsync(http, companyId, token);
        Console.WriteLine($"Webhook ingest over HTTP ({events:N0} deliveries per level, {Environment.ProcessorCount} cores; dashboard page alone: {page:N0} ms)");
        Console.WriteLine("concurrency   bare insert/s  p50 ms  p99 ms │  HTTP ingest/s  p50 ms  p99 ms │  ratio");
        foreach (var level in Levels)
        {
            var count = level == 1 ? Math.Max(1000, events / 4) : events;
            var bare = await BareAsync(connectionString, Sign(companyId, $"bare_c{level}", count), level);
            using var loading = new CancellationTokenSource();
            var pages = level == Levels[^1] ? LoadPagesAsync(http, companyId, token, loading.Token) : Task.FromResult(new List<double>());
            var ingest = await IngestAsync(http, Sign(companyId, $"http_c{level}", count), level);
            await loading.CancelAsync();
            var pageTimes = await pages;
            Console.WriteLine($"{level,11}   {bare.PerSecond,13:N0}  {bare.P50,6:N2}  {bare.P99,6:N2} │  {ingest.PerSecond,13:N0}  {ingest.P50,6:N2}  {ingest.P99,6:N2} │  {ingest.PerSecond / bare.PerSecond,5:N2} ×");
            if (ingest.Failures > 0)
                Console.WriteLine($"             {ingest.Failures:N0} deliveries were not answered 200 (first: {ingest.FirstFailure}); the app's last lines:\n{app.Output}");
            if (pageTimes.Count > 0)
            {
                pageTimes.Sort();
                Console.WriteLine($"             dashboard page during ingest at {level}: {pageTimes.Count} loads ({_pageFailures} not 200), " +
                                  $"p50 {Percentile(pageTimes, 0.5):N0} ms, max {pageTimes[^1]:N0} ms (target < 1,000 ms)");
            }
        }
        Console.WriteLine($"app peak working set: {app.PeakWorkingSetBytes / 1024.0 / 1024.0:N0} MB (target < 400 MB)");
    }

    private sealed record Signed(string Id, string Timestamp, string Signature, string Body, DateTimeOffset At);

    private sealed record Figures(double PerSecond, double P50, double P99, int Failures, string? FirstFailure);

    private static List<Signed> Sign(string companyId, string prefix, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = $"msg_{prefix}_{i}";
            var body = JsonSerializer.Serialize(new
            {
                id, api_version = "v1", type = "payment.created", timestamp = now.ToString("O", CultureInfo.InvariantCulture), company_id = companyId,
                data = new
                {
                    id = $"pay_{prefix}_{i}", status = "open", substatus = "pending", billing_reason = "subscription_cycle", currency = "usd", total = 19.0m,
                    created_at = now, updated_at = now, user = new { id = $"user_{i % 1000}" }, membership = new { id = $"mem_bench_{i % 1000}" },
                    plan = new { id = $"basic_{companyId}" },
                },
            });
            return new Signed(id, timestamp, WebhookSignature.Sign(Secret, id, timestamp, Encoding.UTF8.GetBytes(body)), body, now);
        })];
    }

    private static async Task<Figures> IngestAsync(HttpClient http, List<Signed> deliveries, int concurrency)
    {
        var failures = 0;
        string? first = null;
        var result = await RunWorkersAsync(deliveries.Count, concurrency, _ => ValueTask.FromResult<object?>(null), async (_, i) =>
        {
            var d = deliveries[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(d.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", d.Id);
            request.Headers.Add("webhook-timestamp", d.Timestamp);
            request.Headers.Add("webhook-signature", d.Signature);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref failures) == 1)
                first = $"{(int)response.StatusCode}";
        });
        return result with { Failures = failures, FirstFailure = first };
    }

    /// The rows the receiver stores (same table, columns and values), inserted with no verification and no duplicate handling.
    private static async Task<Figures> BareAsync(string connectionString, List<Signed> deliveries, int concurrency)
    {
        const string headers = """{"host":"127.0.0.1","content-type":"application/json; charset=utf-8","webhook-id":"msg","webhook-timestamp":"0","content-length":"512"}""";
        var connections = new List<NpgsqlConnection>();
        try
        {
            // Unpooled: each worker holds its one connection throughout, and closing must really close it, or 64 idle
            // connections left in this process's pool would take the app's share of max_connections.
            // Statements prepared, as the receiver's connections have them.
            var unpooled = new NpgsqlConnectionStringBuilder(ProviderOptionsExtensions.WithRepeatedStatementsPrepared(connectionString)) { Pooling = false }.ConnectionString;
            return await RunWorkersAsync(deliveries.Count, concurrency, async worker =>
            {
                var connection = new NpgsqlConnection(unpooled);
                await connection.OpenAsync();
                lock (connections) connections.Add(connection);
                return connection;
            }, async (state, i) =>
            {
                var d = deliveries[i];
                await using var command = new NpgsqlCommand("""
                    INSERT INTO webhook_events (webhook_id, company_id, event_type, payload, headers, status, attempts, received_at, occurred_at, next_attempt_at)
                    VALUES ($1, $2, $3, $4, $5, 'received', 0, $6, $7, $6)
                    """, (NpgsqlConnection)state!);
                command.Parameters.Add(new NpgsqlParameter { Value = d.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = "biz_bench" });
                command.Parameters.Add(new NpgsqlParameter { Value = "payment.created" });
                command.Parameters.Add(new NpgsqlParameter { Value = d.Body });
                command.Parameters.Add(new NpgsqlParameter { Value = headers });
                command.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter { Value = d.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                await command.ExecuteNonQueryAsync();
            });
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    /// <paramref name="concurrency"/> workers, each with its own state (a connection), taking the next item until none is left.
    private static async Task<Figures> RunWorkersAsync(int count, int concurrency, Func<int, ValueTask<object?>> open, Func<object?, int, Task> work)
    {
        var states = new object?[concurrency];
        for (var w = 0; w < concurrency; w++) states[w] = await open(w);
        var latencies = new double[count];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await work(states[w], i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new Figures(count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), 0, null);
    }

    private static async Task<List<double>> LoadPagesAsync(HttpClient http, string companyId, string token, CancellationToken stop)
    {
        var times = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            times.Add(await TimePageAsync(http, companyId, token));
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return times;
    }

    /// The page's time; a page that does not answer 200 is reported (with the app's last log lines) and counted as failed.
    private static async Task<double> TimePageAsync(HttpClient http, string companyId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/{companyId}");
        request.Headers.Add("x-whop-user-token", token);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref _pageFailures);
            if (Interlocked.Exchange(ref _pageFailureShown, 1) == 0)
                Console.WriteLine($"             the dashboard page answered {(int)response.StatusCode} after {elapsed:N0} ms; the app's last lines:\n{_app?.Output}");
        }
        return elapsed;
    }

    private static int _pageFailures;
    private static int _pageFailureShown;
    private static AppProcess? _app;

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
