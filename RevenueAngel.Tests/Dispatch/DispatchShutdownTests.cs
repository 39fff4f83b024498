using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

public sealed class DispatchShutdownTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppingMidBatchPutsTheUntriedSendsBackAndTheInFlightOneIsSentOrUnknownNeverTwice()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 3);
        var sends = await scenario.EnrollAsync(await scenario.PlaybookAsync());
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // The app is told to stop while its first notification is on its way to Whop.
        app.Whop.Store.OnRequest = request =>
        {
            if (request.PathAndQuery.EndsWith("/notifications", StringComparison.Ordinal)) stopping.Cancel();
        };

        var run = await app.Get<Dispatcher>().RunAsync(stopping.Token);
        app.Whop.Store.OnRequest = null;

        var stored = await Task.WhenAll(sends.Select(s => scenario.ReloadAsync(s.Id)));
        var inFlight = Assert.Single(stored, s => s.CallStartedAt is not null || s.Status != SendStatus.Scheduled);
        Assert.Contains(inFlight.Status, new[] { SendStatus.Sent, SendStatus.Unknown });
        Assert.Equal(2, run.Deferred);
        Assert.All(stored.Where(s => s.Id != inFlight.Id), s => Assert.Equal((SendStatus.Scheduled, 0, null), (s.Status, s.Attempts, s.CallStartedAt)));

        app.Time.Advance(TimeSpan.FromMinutes(10));
        await app.Get<Dispatcher>().RunAsync(Ct);
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.Get<Dispatcher>().RunAsync(Ct);

        var keys = scenario.Deliveries("notification").Select(d => d.IdempotencyKey).ToList();
        Assert.All(stored.Where(s => s.Id != inFlight.Id), s => Assert.Single(keys, $"ra-send-{s.Id}"));
        Assert.True(keys.Count(k => k == $"ra-send-{inFlight.Id}") <= 1);
        Assert.Contains((await scenario.ReloadAsync(inFlight.Id)).Status, new[] { SendStatus.Sent, SendStatus.Unknown });
    }
}
