using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// The database failing around the call to Whop: before it, the send goes back untouched; after Whop accepted
/// the message, it is recorded without a second message. And a host too busy to render in time: later, not never.
public sealed class DispatchDatabaseFaultTests(DispatchDatabaseFaultFixture app) : IClassFixture<DispatchDatabaseFaultFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADatabaseErrorAfterWhopAcceptedTheMessageIsRecordedAsSentOnTheSecondTryAndNeverResent()
    {
        var (scenario, send) = await OneSendAsync();
        (app.SendWrites.Target, app.SendWrites.Remaining) = (SendWrite.MarkSent, 1);

        var run = await app.Get<Dispatcher>().RunAsync(Ct);
        await LaterRunsAsync();

        Assert.Equal(1, run.Sent);
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 1, "Hi Maya1"), (stored.Status, stored.Attempts, stored.Title));
        Assert.Equal([$"ra-send-{send.Id}"], scenario.Deliveries("notification").Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task ADatabaseThatKeepsRefusingSentMakesTheSendUnknownAndItIsNeverResent()
    {
        var (scenario, send) = await OneSendAsync();
        (app.SendWrites.Target, app.SendWrites.Remaining) = (SendWrite.MarkSent, int.MaxValue);

        var run = await app.Get<Dispatcher>().RunAsync(Ct);
        app.SendWrites.Remaining = 0;
        await LaterRunsAsync();

        Assert.Equal((0, 1), (run.Sent, run.Unknown));
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Unknown, stored.Status);
        Assert.Contains("could not be recorded", stored.LastError);
        Assert.Equal([$"ra-send-{send.Id}"], scenario.Deliveries("notification").Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task ADatabaseErrorJustBeforeTheCallPutsTheSendBackWithItsAttemptsAndItIsSentOnceLater()
    {
        var (scenario, send) = await OneSendAsync();
        (app.SendWrites.Target, app.SendWrites.Remaining) = (SendWrite.CallStart, 1);

        var run = await app.Get<Dispatcher>().RunAsync(Ct);

        Assert.Equal((0, 1, 0), (run.Sent, run.Deferred, run.Unknown));
        var released = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Scheduled, 0, null), (released.Status, released.Attempts, released.CallStartedAt));
        Assert.Empty(scenario.Deliveries("notification"));

        await LaterRunsAsync();
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 1), (stored.Status, stored.Attempts));
        Assert.Equal([$"ra-send-{send.Id}"], scenario.Deliveries("notification").Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task ARenderPastItsTimeBudgetOnABusyHostIsRetriedLaterAndSentOnce()
    {
        var (scenario, send) = await OneSendAsync();
        app.RenderClock.Slow = true;

        DispatchRun run;
        try
        {
            run = await app.Get<Dispatcher>().RunAsync(Ct);
        }
        finally
        {
            app.RenderClock.Slow = false;
        }

        Assert.Equal((0, 1, 0), (run.Sent, run.Retrying, run.Failed));
        var waiting = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Scheduled, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("longer than", waiting.LastError);
        Assert.Empty(scenario.Deliveries("notification"));

        await LaterRunsAsync();
        var stored = await scenario.ReloadAsync(send.Id);
        Assert.Equal((SendStatus.Sent, 2), (stored.Status, stored.Attempts));
        Assert.Equal([$"ra-send-{send.Id}"], scenario.Deliveries("notification").Select(d => d.IdempotencyKey));
    }

    [Fact]
    public async Task ARenderThatKeepsOverrunningFailsWhenItsAttemptsRunOut()
    {
        var (scenario, send) = await OneSendAsync();
        var maxAttempts = app.Get<Microsoft.Extensions.Options.IOptions<DispatchOptions>>().Value.MaxAttempts;
        await using (var db = app.App.CreateDbContext())
            await db.Sends.Where(s => s.Id == send.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Attempts, maxAttempts - 1), Ct);
        app.RenderClock.Slow = true;

        DispatchRun run;
        try
        {
            run = await app.Get<Dispatcher>().RunAsync(Ct);
        }
        finally
        {
            app.RenderClock.Slow = false;
        }

        Assert.Equal((0, 0, 1), (run.Sent, run.Retrying, run.Failed));
        var failed = await scenario.ReloadAsync(send.Id);
        Assert.Equal(SendStatus.Failed, failed.Status);
        Assert.Contains("longer than", failed.LastError);
        Assert.Empty(scenario.Deliveries("notification"));
    }

    private async Task<(DispatchScenario Scenario, Send Send)> OneSendAsync()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        return (scenario, (await scenario.EnrollAsync(await scenario.PlaybookAsync())).Single());
    }

    private async Task LaterRunsAsync()
    {
        foreach (var wait in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(2) })
        {
            app.Time.Advance(wait);
            await app.Get<Dispatcher>().RunAsync(Ct);
        }
    }
}
