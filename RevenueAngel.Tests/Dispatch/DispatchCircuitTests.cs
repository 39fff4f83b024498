using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Tests.Dispatch;

/// Whop's circuit open: its own app, so the open circuit meets only these sends.
public sealed class DispatchCircuitTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOpenCircuitPutsTheClaimedSendsBackWithTheirAttemptsAndPausesTheCompanyUntilWhopIsBack()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 3);
        var sends = await scenario.EnrollAsync(await scenario.PlaybookAsync());
        var whop = app.Get<WhopClient>();
        app.Whop.Store.FailNext(20, 503);
        for (var i = 0; i < 20; i++) await Assert.ThrowsAsync<WhopApiException>(() => whop.GetCompanyAsync(scenario.CompanyId, Ct));
        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => whop.GetCompanyAsync(scenario.CompanyId, Ct));
        var calls = app.Whop.Store.Requests.Count;

        var run = await app.Get<Dispatcher>().RunAsync(Ct);

        Assert.Equal((0, 3, 0), (run.Sent, run.Deferred, run.Unknown));
        Assert.Equal(calls, app.Whop.Store.Requests.Count);
        var resumeAt = app.Get<DispatchThrottle>().CompanyPausedUntil(scenario.CompanyId);
        Assert.NotNull(resumeAt);
        foreach (var send in sends)
        {
            var stored = await scenario.ReloadAsync(send.Id);
            Assert.Equal((SendStatus.Scheduled, 0, resumeAt!.Value, null), (stored.Status, stored.Attempts, stored.ScheduledFor, stored.CallStartedAt));
        }

        app.Time.Advance(resumeAt.Value - app.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await app.Get<Dispatcher>().RunAsync(Ct)).Sent);
        Assert.Equal(sends.Select(s => $"ra-send-{s.Id}").Order(), scenario.Deliveries("notification").Select(d => d.IdempotencyKey).Order());
    }
}
