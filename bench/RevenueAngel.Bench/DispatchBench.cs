using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RevenueAngel.Core;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Bench;

/// The dispatch machinery: the real Dispatcher (claims, checks, variables, render, HttpClient with Whop's resilience
/// pipeline, outcomes) against a Whop that answers 200 at once, with every rate limit lifted, over N due sends; beside
/// a bare `FOR UPDATE SKIP LOCKED` claim-and-update loop (hand-written Npgsql) over as many identical rows, with the
/// same batch size and the same number of workers. Each worker count gets fresh rows of its own.
public static class DispatchBench
{
    public static async Task RunAsync(string connectionString, int sends, IReadOnlyList<int> workerCounts)
    {
        var commands = new CommandCounter();
        // Every command Npgsql runs, the claim's hand-written one included (EF's interceptor sees only EF's).
        var roundTrips = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = _ => Interlocked.Increment(ref roundTrips),
        };
        ActivitySource.AddActivityListener(listener);
        using var host = BuildHost(connectionString, commands);
        await host.StartAsync();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RevenueAngelDbContext>>();
        var batchSize = host.Services.GetRequiredService<IOptions<DispatchOptions>>().Value.BatchSize;
        // Statements prepared, as the dispatcher's connections have them (RepeatingWorkContexts).
        await using var source = NpgsqlDataSource.Create(ProviderOptionsExtensions.WithRepeatedStatementsPrepared(connectionString));

        Console.WriteLine($"Dispatch: {sends:N0} due push sends, no-op Whop in process, rate limits lifted, batch {batchSize}");
        // Unmeasured: JIT and tiered compilation of the whole path (otherwise the first worker count pays for it).
        await SeedAsync(source, contexts, 2_000);
        await DrainAsync(host.Services);
        foreach (var workers in workerCounts)
        {
            var bareCompany = await SeedAsync(source, contexts, sends);
            var appCompany = await SeedAsync(source, contexts, sends);
            await using (var analyze = source.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();

            var bare = await MeasureAsync(() => BareLoopAsync(source, bareCompany, batchSize, workers));
            var before = commands.Count;
            var tripsBefore = Volatile.Read(ref roundTrips);
            var app = await MeasureAsync(async () =>
            {
                var runs = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => DrainAsync(host.Services)));
                return runs.Sum();
            });
            var statements = commands.Count - before;
            var trips = Volatile.Read(ref roundTrips) - tripsBefore;
            await CheckAllSentAsync(source, appCompany, sends);

            var bareRate = bare.Done / bare.Seconds;
            var appRate = app.Done / app.Seconds;
            Console.WriteLine($"  workers {workers}: bare SKIP LOCKED loop {bare.Done,7:N0} in {bare.Seconds,6:N2} s = {bareRate,8:N0}/s");
            Console.WriteLine($"  workers {workers}: dispatcher           {app.Done,7:N0} in {app.Seconds,6:N2} s = {appRate,8:N0}/s" +
                              $"  = {appRate / bareRate:N2} × bare; {(double)statements / app.Done:N3} EF statements/send ({statements:N0}), " +
                              $"{(double)trips / app.Done:N3} Npgsql commands/send ({trips:N0}); " +
                              $"app CPU {app.CpuSeconds * 1000 / app.Done:N3} ms/send (bare loop {bare.CpuSeconds * 1000 / bare.Done:N3});" +
                              $" peak working set {app.PeakMb:N0} MB (bare loop {bare.PeakMb:N0} MB)");
        }
        await host.StopAsync();
    }

    private static IHost BuildHost(string connectionString, CommandCounter commands)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RevenueAngel"] = connectionString,
            ["Demo:Enabled"] = "false", ["Messaging:PublicBaseUrl"] = "https://bench.example.com",
            ["Whop:ApiKey"] = "bench", ["Whop:AppId"] = "app_bench", ["Whop:WebhookSecrets:0"] = "ws_bench",
            ["Whop:ApiBaseUrl"] = "http://whop.invalid/api/v1",
            ["Whop:MaxRetries"] = "0",
            // As appsettings.json: four HttpClient lines and Polly's per request would otherwise be most of a send's CPU.
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning", ["Logging:LogLevel:Polly"] = "Warning",
        });
        builder.Configuration.AddEnvironmentVariables("RA_BENCH_SET_"); // e.g. RA_BENCH_SET_Dispatch__DeliveryConcurrency=64
        builder.AddRevenueAngelCore();
        // Whop answers at once; the process-wide token bucket is lifted (the company's own rate is lifted on the company).
        builder.Services.AddHttpClient<WhopClient>().ConfigurePrimaryHttpMessageHandler(() => new NoOpWhop());
        builder.Services.AddSingleton(new WhopRateLimiter(Options.Create(new WhopOptions { RequestsPerMinute = 600_000_000, RateLimitQueueLimit = 100_000 })));
        builder.Services.ConfigureDbContext<PostgresRevenueAngelDbContext>(o => o.AddInterceptors(commands));
        return builder.Build();
    }

    /// One dispatcher's passes until nothing is due (what the job does, without its poll interval).
    private static async Task<int> DrainAsync(IServiceProvider services)
    {
        var sent = 0;
        while (true)
        {
            var run = await services.GetRequiredService<Dispatcher>().RunAsync();
            sent += run.Sent;
            if (run == DispatchRun.Empty) return sent;
        }
    }

    private static async Task<int> BareLoopAsync(NpgsqlDataSource source, string companyId, int batchSize, int workers)
    {
        var done = await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var total = 0;
            while (true)
            {
                await using var connection = await source.OpenConnectionAsync();
                var ids = new List<long>();
                await using (var claim = new NpgsqlCommand("""
                    UPDATE sends SET status = 'sending', lease_expires_at = now() + interval '5 minutes'
                    WHERE id IN (SELECT id FROM sends WHERE company_id = @company AND status = 'scheduled' AND scheduled_for <= now()
                                 ORDER BY scheduled_for, id LIMIT @limit FOR UPDATE SKIP LOCKED)
                    RETURNING id
                    """, connection))
                {
                    claim.Parameters.AddWithValue("company", companyId);
                    claim.Parameters.AddWithValue("limit", batchSize);
                    await using var reader = await claim.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
                }
                if (ids.Count == 0) return total;
                await using (var sent = new NpgsqlCommand("""
                    UPDATE sends SET status = 'sent', sent_at = now(), attempts = attempts + 1, lease_expires_at = NULL WHERE id = ANY(@ids)
                    """, connection))
                {
                    sent.Parameters.AddWithValue("ids", ids.ToArray());
                    await sent.ExecuteNonQueryAsync();
                }
                total += ids.Count;
            }
        }));
        return done.Sum();
    }

    /// A company with <paramref name="sends"/> members, each enrolled in a one-step push playbook with its send due now.
    private static async Task<string> SeedAsync(NpgsqlDataSource source, IDbContextFactory<RevenueAngelDbContext> contexts, int sends)
    {
        var companyId = $"biz_dispatch_{Guid.NewGuid():N}"[..24];
        var now = DateTimeOffset.UtcNow;
        long playbookId, stepId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Companies.Add(new Company
            {
                Id = companyId, Name = "Dispatch bench", InstalledAt = now, WhopExperienceId = $"exp_{companyId}", SendsPerMinute = 100_000_000,
                QuietHoursStart = null, QuietHoursEnd = null, FrequencyCapMessages = 1000,
            });
            db.Plans.Add(new Plan { Id = $"basic_{companyId}", CompanyId = companyId, Title = "Basic", RenewalPriceCents = 1900, BillingPeriodDays = 30 });
            var template = new MessageTemplate { CompanyId = companyId, Name = "t", Title = "Hi {{ first_name }}", Body = "Welcome to {{ community_name }}" };
            db.MessageTemplates.Add(template);
            await db.SaveChangesAsync();
            var playbook = new Playbook
            {
                CompanyId = companyId, Name = "Bench", Type = PlaybookType.Upsell, Enabled = true, HoldoutPercent = 0, CreatedAt = now, Priority = 20,
            };
            playbook.Steps.Add(new PlaybookStep { Position = 1, DelayMinutes = 0, Channel = MessageChannel.Push, TemplateId = template.Id });
            db.Playbooks.Add(playbook);
            await db.SaveChangesAsync();
            (playbookId, stepId) = (playbook.Id, playbook.Steps[0].Id);
        }

        await using var connection = await source.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY members (company_id, whop_user_id, name, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < sends; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(companyId, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"user_{companyId}_{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"Maya{i} Stone", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now.AddDays(-(i % 400)), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var seed = new NpgsqlCommand("""
            INSERT INTO memberships (id, company_id, member_id, plan_id, status, cancel_at_period_end, created_at, updated_at)
            SELECT 'mem_' || m.id, m.company_id, m.id, 'basic_' || m.company_id, 'active', false, m.created_at, m.created_at
            FROM members m WHERE m.company_id = @company;
            INSERT INTO enrollments (company_id, playbook_id, subject_kind, subject_id, entry_number, status, "group", entered_at)
            SELECT m.company_id, @playbook, @member, m.id, 1, @active, 'treatment', @now FROM members m WHERE m.company_id = @company;
            INSERT INTO sends (company_id, playbook_id, step_id, enrollment_id, channel, status, scheduled_for, attempts, click_count)
            SELECT e.company_id, e.playbook_id, @step, e.id, @push, @scheduled, @now, 0, 0 FROM enrollments e WHERE e.playbook_id = @playbook;
            """, connection);
        seed.Parameters.AddWithValue("company", companyId);
        seed.Parameters.AddWithValue("playbook", playbookId);
        seed.Parameters.AddWithValue("step", stepId);
        seed.Parameters.AddWithValue("member", StoredEnum<SubjectKind>.ToText(SubjectKind.Member));
        seed.Parameters.AddWithValue("active", StoredEnum<EnrollmentStatus>.ToText(EnrollmentStatus.Active));
        seed.Parameters.AddWithValue("push", StoredEnum<MessageChannel>.ToText(MessageChannel.Push));
        seed.Parameters.AddWithValue("scheduled", StoredEnum<SendStatus>.ToText(SendStatus.Scheduled));
        seed.Parameters.AddWithValue("now", now.AddMinutes(-1));
        await seed.ExecuteNonQueryAsync();
        return companyId;
    }

    private static async Task CheckAllSentAsync(NpgsqlDataSource source, string companyId, int sends)
    {
        await using var count = source.CreateCommand("SELECT count(*) FROM sends WHERE company_id = $1 AND status = 'sent' AND attempts = 1");
        count.Parameters.AddWithValue(companyId);
        var sent = (long)(await count.ExecuteScalarAsync())!;
        if (sent != sends) throw new InvalidOperationException($"The dispatcher sent {sent:N0} of {sends:N0}.");
    }

    /// Done, wall seconds, peak working set and this process's CPU seconds (PostgreSQL's are its own): a dispatcher
    /// that waits on round trips spends far less CPU than wall time.
    private static async Task<(int Done, double Seconds, double PeakMb, double CpuSeconds)> MeasureAsync(Func<Task<int>> action)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        var done = await action();
        var seconds = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        return (done, seconds, peak / 1024.0 / 1024.0, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    /// Whop with nothing behind it: 200 and an empty object for every request.
    private sealed class NoOpWhop : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
    }

    private sealed class CommandCounter : DbCommandInterceptor
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
}
