using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Deployment.Replicas;

/// Replicas of the published app on one PostgreSQL and one fake Whop over real HTTP: the work is shared, nothing is
/// done twice, and SIGKILL at any moment loses nothing and sends nothing twice. The fake's record of what it was
/// asked to deliver and the database are the witnesses; the replicas' JobFiringLog lines say which node did what.
public sealed class ReplicaTests(PublishedAppFixture published, PostgresServer postgres) : IClassFixture<PublishedAppFixture>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// The issue's 5,000 by default; RA_REPLICA_SENDS runs it with fewer or more.
    private static readonly int Sends = int.TryParse(Environment.GetEnvironmentVariable("RA_REPLICA_SENDS"), out var n) ? n : 5_000;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static void Report(string line) => Xunit.TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public async Task TwoReplicasShareTheWorkDeliverEverySendOnceAndApplyEveryWebhookOnce()
    {
        var clock = Stopwatch.StartNew();
        // No kills here: the default lease (a send claimed and not finished in it goes back or ends unknown).
        await using var cluster = await ReplicaCluster.StartAsync(published, postgres, replicas: 2, new Dictionary<string, string> { ["Dispatch__LeaseSeconds"] = "300" });
        var bothUp = DateTimeOffset.UtcNow;
        var workload = await ReplicaWorkload.SeedAsync(cluster, companies: 5, sends: Sends, payers: 500, dueOver: TimeSpan.FromSeconds(30));
        var seeded = clock.Elapsed;

        await workload.PostWebhooksAsync(cluster, concurrency: 8);
        var posted = clock.Elapsed;
        try
        {
            await workload.WaitUntilDoneAsync(cluster, TimeSpan.FromMinutes(4));
        }
        finally
        {
            Report($"logs: {cluster.SaveLogs("two-replicas")}");
        }
        var done = clock.Elapsed;

        var outcome = await ReplicaOutcome.ReadAsync(cluster, workload);
        var firings = JobFirings.Read(cluster);
        Report($"started and seeded in {seeded.TotalSeconds:0.0} s, webhooks posted at {posted.TotalSeconds:0.0} s, done at {done.TotalSeconds:0.0} s");
        Report(outcome.Summary(workload));
        Report(WorkSplit(workload, firings));

        Assert.Empty(outcome.DeliveredTwice);
        Assert.Equal(workload.SendIds.Order(), outcome.DeliveriesBySend.Keys.Order());
        Assert.Equal(workload.SendIds.Count, outcome.Count(SendStatus.Sent));
        Assert.Equal(workload.WebhookCount, outcome.Events.Count);
        Assert.Empty(outcome.EventsNotProcessedOnce);
        Assert.Empty(outcome.PaymentProblems(workload));
        Assert.Equal(outcome.DistinctConvertedPayments, outcome.Conversions);

        // Both replicas verified, stored and acknowledged webhooks, and both ran the cluster's jobs. Dispatch runs on
        // one node at a time ([DisallowConcurrentExecution] on the clustered store), so how its work splits is Quartz's
        // choice; webhook processing runs on every node at once (the claim keeps events and members apart), and each
        // applied some. What each node's runs did adds up exactly.
        Assert.True(workload.AcceptedBy(0) > 0 && workload.AcceptedBy(1) > 0, "both replicas took webhook deliveries");
        Assert.True(firings.Processed(0) > 0 && firings.Processed(1) > 0, "both replicas applied webhooks");
        Assert.All(new[] { 0, 1 }, replica => Assert.Contains(firings.Ran, r => r.Replica == replica));
        Assert.Equal(workload.SendIds.Count, firings.Sent(0) + firings.Sent(1));
        Assert.Equal(workload.WebhookCount, firings.Processed(0) + firings.Processed(1));
        AssertEachTriggerFiredOnce(firings, bothUp);
        var nodes = firings.Fired.Select(f => (f.Replica, f.Node)).Distinct().ToList();
        Assert.Equal(2, nodes.Count);
        Assert.NotEqual(nodes[0].Node, nodes[1].Node);
    }

    [Fact]
    public async Task TwentySigkillsDuringDispatchAndWebhookProcessingLoseNothingAndSendNothingTwice()
    {
        const int kills = 20;
        var clock = Stopwatch.StartNew();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RA_CRASH_SEED"), out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        await using var cluster = await ReplicaCluster.StartAsync(published, postgres, replicas: 2);
        // Whop answers a delivery 200 ms after it has recorded it, and the sends fall due across the kills, so kills land
        // while calls are out: between Whop's delivery and our record of it.
        cluster.Whop.Store.DeliveryAnswerDelay = TimeSpan.FromMilliseconds(200);
        var bothUp = DateTimeOffset.UtcNow;
        var workload = await ReplicaWorkload.SeedAsync(cluster, companies: 5, sends: 4_000, payers: 500, dueOver: TimeSpan.FromSeconds(90));
        var posting = workload.PostWebhooksAsync(cluster, concurrency: 4, pace: TimeSpan.FromSeconds(90));

        var inFlightAtKills = 0;
        for (var kill = 1; kill <= kills; kill++)
        {
            // Odd kills: a replica, in turn, at a random moment once it serves again. Even kills: the replica whose
            // dispatch has calls out, within Whop's answer delay (between Whop's delivery and our record of it).
            var victim = (kill + seed) % cluster.Count;
            await cluster.WaitUntilHealthyAsync(victim);
            var midCall = kill % 2 == 0 ? await MidCallAsync(cluster, random) : null;
            if (midCall is { } calling) victim = calling;
            else await Task.Delay(random.Next(300, 2500), Ct);
            var inFlight = await CallsInFlightAsync(cluster, workload);
            inFlightAtKills += inFlight;
            cluster.Kill(victim);
            Report($"kill {kill} at {clock.Elapsed.TotalSeconds:0.0} s: replica {victim}{(midCall is null ? "" : ", mid-call")} (calls in flight across the cluster: {inFlight})");
            cluster.Start(victim);
        }
        await posting;
        var killedBy = clock.Elapsed;
        try
        {
            await workload.WaitUntilDoneAsync(cluster, TimeSpan.FromMinutes(3));
        }
        finally
        {
            Report($"logs: {cluster.SaveLogs("crash")}");
        }
        var done = clock.Elapsed;

        var outcome = await ReplicaOutcome.ReadAsync(cluster, workload);
        var firings = JobFirings.Read(cluster);
        var unknown = outcome.Sends.Where(x => x.Value.Status == SendStatus.Unknown).ToList();
        Report($"seed {seed}: {kills} kills done at {killedBy.TotalSeconds:0.0} s, all settled at {done.TotalSeconds:0.0} s");
        Report(outcome.Summary(workload));
        Report(WorkSplit(workload, firings));
        Report($"in flight at the kills: {unknown.Count} sends ended unknown ({outcome.UnknownButDelivered} of them reached Whop); " +
               $"calls seen in flight just before the kills: {inFlightAtKills}");

        Assert.Empty(outcome.DeliveredTwice);
        Assert.Empty(outcome.SentButNotDelivered);
        Assert.Empty(outcome.DeliveredButNotRecorded);
        Assert.Equal(workload.SendIds.Count, outcome.Count(SendStatus.Sent) + outcome.Count(SendStatus.Unknown));
        // The dispatcher records a wave's call starts before calling (Dispatch:DeliveryWave at most), so a kill leaves at
        // most one wave unknown; those are the ones whose lease ran out mid-wave, never a send a live replica finished.
        Assert.InRange(unknown.Count, 0, kills * new DispatchOptions().DeliveryWave);
        Assert.All(unknown, x => Assert.Contains("lease expired while sending", x.Value.Error));
        Assert.Equal(workload.WebhookCount, outcome.Events.Count);
        Assert.Empty(outcome.EventsNotProcessedOnce);
        Assert.Empty(outcome.PaymentProblems(workload));
        Assert.Equal(outcome.DistinctConvertedPayments, outcome.Conversions);
        AssertEachTriggerFiredOnce(firings, bothUp);
        Assert.True(outcome.UnknownButDelivered > 0, "no kill landed while Whop had calls it had not answered: the run did not test a crash mid-call");
    }

    private static string WorkSplit(ReplicaWorkload workload, JobFirings firings) =>
        string.Join("; ", Enumerable.Range(0, 2).Select(r =>
            $"replica {r}: took {workload.AcceptedBy(r)} webhook deliveries, its dispatch runs sent {firings.Sent(r)}, its processing runs applied " +
            $"{firings.Processed(r)} events, {firings.Ran.Count(x => x.Replica == r)} job runs finished"));

    private static void AssertEachTriggerFiredOnce(JobFirings firings, DateTimeOffset from)
    {
        Assert.Empty(firings.FiredTwice());
        Assert.Empty(firings.FiredCloserThan("DispatchJob", PollInterval, from));
        Assert.Empty(firings.FiredCloserThan("WebhookProcessingJob", PollInterval, from));
    }

    /// Waits (up to 20 s) for a dispatch with calls out at Whop; then, a moment later, the replica running it.
    private static async Task<int?> MidCallAsync(ReplicaCluster cluster, Random random)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (cluster.Whop.Store.AnswersPending > 0 && await cluster.DispatchingReplicaAsync() is { } replica)
            {
                await Task.Delay(random.Next(0, 100), Ct);
                return replica;
            }
            await Task.Delay(20, Ct);
        }
        return null;
    }

    private static async Task<int> CallsInFlightAsync(ReplicaCluster cluster, ReplicaWorkload workload)
    {
        await using var db = cluster.CreateDbContext();
        return await db.Sends.CountAsync(x => workload.Companies.Contains(x.CompanyId) && x.Status == SendStatus.Sending && x.CallStartedAt != null, Ct);
    }
}
