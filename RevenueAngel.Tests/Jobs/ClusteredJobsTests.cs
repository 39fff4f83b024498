using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Jobs;

/// Quartz's clustered store on PostgreSQL: every replica joins one cluster under its own node id, and a replica that
/// starts (a deploy, a crash, a scale-up) leaves the cluster's schedule where it was.
public sealed class ClusteredJobsTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReplicaStartingJoinsTheClusterAndDoesNotPostponeItsHourlyAndDailyJobs()
    {
        var database = await postgres.CreateDatabaseAsync("cluster");
        await using var first = new RevenueAngelApp(TestSettings.Production(database));
        first.StartServer();
        var before = await NextFireTimesAsync(database, expectedNodes: 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        await using var second = new RevenueAngelApp(TestSettings.Production(database));
        second.StartServer();
        var after = await NextFireTimesAsync(database, expectedNodes: 2);

        foreach (var job in (string[])["WebhookRetentionJob", "PaymentRetryJob", "StepWinnerJob"])
            Assert.True(before[job] == after[job], $"{job}: next fire moved from {before[job]:O} to {after[job]:O} when a replica started");
        Assert.Equal(TimeSpan.Zero, after["WebhookRetentionJob"].TimeOfDay);
    }

    [Fact]
    public async Task WithoutTheTimetableNoJobFiresOnItsOwnButAWakeUpStillRunsOne()
    {
        var database = await postgres.CreateDatabaseAsync("untimed");
        var settings = TestSettings.Production(database);
        settings["Jobs:Periodic"] = "false";
        await using var app = new RevenueAngelApp(settings);
        app.StartServer();
        await NextFireTimesAsync(database, expectedNodes: 1);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using (var triggers = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers", connection))
            Assert.Equal(0L, await triggers.ExecuteScalarAsync(Ct));

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var fired = new TaskCompletionSource();
        scheduler.ListenerManager.AddJobListener(new FiredOnce(fired));
        await scheduler.TriggerJob(new JobKey("StepWinnerJob"), Ct);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    private sealed class FiredOnce(TaskCompletionSource fired) : IJobListener
    {
        public string Name => nameof(FiredOnce);
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default)
        {
            if (jobException is null) fired.TrySetResult();
            else fired.TrySetException(jobException);
            return ValueTask.CompletedTask;
        }
    }

    /// Each trigger's next fire time once the cluster has <paramref name="expectedNodes"/> distinct nodes checked in.
    private static async Task<Dictionary<string, DateTimeOffset>> NextFireTimesAsync(string database, int expectedNodes)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var nodes = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", connection);
            var count = Convert.ToInt32(await nodes.ExecuteScalarAsync(Ct));
            if (count == expectedNodes) break;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{count} Quartz nodes checked in, expected {expectedNodes}");
            await Task.Delay(200, Ct);
        }
        await using var command = new NpgsqlCommand("SELECT trigger_name, next_fire_time FROM qrtz_triggers", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var times = new Dictionary<string, DateTimeOffset>();
        while (await reader.ReadAsync(Ct)) times[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
        return times;
    }
}
