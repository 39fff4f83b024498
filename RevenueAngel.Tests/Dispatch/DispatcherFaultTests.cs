using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// Whop failing: each case in a fresh app of its own class so faults queued on the fake meet only these sends.
public sealed class DispatcherFaultTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private Task<DispatchRun> DispatchAsync() => app.Get<Dispatcher>().RunAsync(Ct);

    [Fact]
    public async Task A429PausesAllDispatchForWhopsRetryAfterAndTheSendsGoOutAfterwards()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 3);
        var sends = await scenario.EnrollAsync(await scenario.PlaybookAsync());
        app.Whop.Store.FailNext(1, 429, TimeSpan.FromSeconds(40));

        var run = await DispatchAsync();

        Assert.Equal((0, 3), (run.Sent, run.Deferred));
        Assert.Empty(scenario.Deliveries("notification"));
        var resumeAt = app.Time.GetUtcNow().AddSeconds(40);
        Assert.Equal(resumeAt, app.Get<DispatchThrottle>().PausedUntil);
        foreach (var send in sends)
        {
            var stored = await scenario.ReloadAsync(send.Id);
            Assert.Equal((SendStatus.Scheduled, resumeAt, 0), (stored.Status, stored.ScheduledFor, stored.Attempts));
        }

        app.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(DispatchRun.Empty, await DispatchAsync());

        app.Time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(3, (await DispatchAsync()).Sent);
        Assert.Equal(3, scenario.Deliveries("notification").Count);
    }

    [Fact]
    public async Task Whop5xxRetriesWithWaitsGrowingToAnHourForHoursThenFailsWithTheReasonAfterTheLimit()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single();
        var options = app.Get<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value;
        app.Whop.Store.FailNext(options.MaxAttempts, 503);

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            await DispatchAsync();
            var stored = await scenario.ReloadAsync(send.Id);
            Assert.Equal(attempt, stored.Attempts);
            if (attempt < options.MaxAttempts)
            {
                Assert.Equal(SendStatus.Scheduled, stored.Status);
                waits.Add(stored.ScheduledFor - app.Time.GetUtcNow());
                app.Time.Advance(stored.ScheduledFor - app.Time.GetUtcNow());
            }
            else
            {
                Assert.True(stored.Status == SendStatus.Failed, $"{stored.Status}: {stored.LastError}");
                Assert.Contains($"Gave up after {options.MaxAttempts} attempts", stored.LastError);
                Assert.Contains("503", stored.LastError);
            }
        }
        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600], waits.Select(w => (int)w.TotalSeconds));
        Assert.True(waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) > TimeSpan.FromHours(5));
        Assert.Empty(scenario.Deliveries("notification"));

        app.Time.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();
        Assert.Empty(scenario.Deliveries("notification"));
    }

    [Fact]
    public async Task AnExpiredLeaseAfterWhopWasCalledMakesTheSendUnknownAndItIsNeverSent()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single();
        // A dispatcher that called Whop and died before it could record the outcome.
        await using (var db = app.App.CreateDbContext())
        {
            var claimed = db.Sends.Single(s => s.Id == send.Id);
            claimed.Claim(app.Time.GetUtcNow().AddMinutes(5));
            claimed.BeginCall(app.Time.GetUtcNow(), app.Time.GetUtcNow().AddMinutes(5));
            await db.SaveChangesAsync(Ct);
        }

        await DispatchAsync();
        Assert.Equal(SendStatus.Sending, (await scenario.ReloadAsync(send.Id)).Status);

        app.Time.Advance(TimeSpan.FromMinutes(6));
        var run = await DispatchAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();

        Assert.Equal(1, run.Unknown);
        Assert.Equal(SendStatus.Unknown, (await scenario.ReloadAsync(send.Id)).Status);
        Assert.Empty(scenario.Deliveries("notification"));
    }

    [Fact]
    public async Task AnExpiredLeaseBeforeWhopWasCalledPutsTheSendBackAndItIsSentOnce()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single();
        // A dispatcher that claimed it and died before calling Whop.
        await using (var db = app.App.CreateDbContext())
        {
            db.Sends.Single(s => s.Id == send.Id).Claim(app.Time.GetUtcNow().AddMinutes(5));
            await db.SaveChangesAsync(Ct);
        }

        app.Time.Advance(TimeSpan.FromMinutes(6));
        var run = await DispatchAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();

        Assert.Equal((0, 1), (run.Unknown, run.Sent));
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 1), (stored.Status, stored.Attempts));
        Assert.Equal([$"ra-send-{send.Id}"], scenario.Deliveries("notification").Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task AnUnknownRecipientIsAPermanentFailureWithoutRetries()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var send = (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single();
        app.Whop.Store.Companies[scenario.CompanyId].Installed = false;

        await DispatchAsync();

        var failed = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.Contains("403", failed.LastError);
    }
}
