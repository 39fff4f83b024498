using RevenueAngel.Core.Dispatch;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Dispatch;

/// Whop answering 503 to every notification for minutes, on the app's own clock, then recovering.
public sealed class DispatchOutageTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFiveMinuteOutageDeliversEverySendExactlyOnceAfterwardsWithoutBurningTheirAttempts()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 30);
        var sends = await scenario.EnrollAsync(await scenario.PlaybookAsync());
        var start = app.Time.GetUtcNow();
        app.Whop.Store.Time = app.Time;
        app.Whop.Store.FailUntil(start.AddMinutes(5), 503, "/notifications");

        var dispatcher = app.Get<Dispatcher>();
        for (var pass = 0; pass < 200 && scenario.Deliveries("notification").Count < sends.Count; pass++)
        {
            await dispatcher.RunAsync(Ct);
            app.Time.Advance(TimeSpan.FromSeconds(15));
        }

        var keys = scenario.Deliveries("notification").Select(d => d.IdempotencyKey).ToList();
        Assert.Equal(sends.Select(s => $"ra-send-{s.Id}").Order(), keys.Order());
        var stored = await Task.WhenAll(sends.Select(s => scenario.ReloadAsync(s.Id)));
        Assert.All(stored, s => Assert.Equal(SendStatus.Sent, s.Status));
        Assert.True(stored.Max(s => s.SentAt) > start.AddMinutes(5));
        // The company paused instead of spending every send's attempts on the outage: a few probes, not 30 × n.
        var refused = NotificationCalls(scenario) - sends.Count;
        Assert.InRange(refused, 1, 10);
        Assert.Equal(sends.Count + refused, stored.Sum(s => s.Attempts));
    }

    private int NotificationCalls(DispatchScenario scenario) =>
        app.Whop.Store.Requests.Count(r => r.PathAndQuery.EndsWith("/notifications", StringComparison.Ordinal)
                                           && r.Body.Contains(scenario.Company.WhopExperienceId!, StringComparison.Ordinal));
}
