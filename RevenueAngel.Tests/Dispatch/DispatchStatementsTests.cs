using RevenueAngel.Core.Dispatch;

namespace RevenueAngel.Tests.Dispatch;

/// A batch is checked and loaded in a fixed number of statements: the dispatcher's database work does not grow with
/// the number of sends it delivers.
public sealed class DispatchStatementsTests(DispatchStatementsFixture app) : IClassFixture<DispatchStatementsFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABatchOfTwoHundredSendsCostsTheStatementsOfABatchOfOneHundredAndAFewMoreThanABatchOfOne()
    {
        var one = await StatementsToDeliverAsync(1);
        var hundred = await StatementsToDeliverAsync(100);
        var twoHundred = await StatementsToDeliverAsync(200);
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"statements per pass: 1 send {one}, 100 sends {hundred}, 200 sends {twoHundred}");

        // The first wave is a probe of one; every send after it goes out in the second wave (Dispatch:DeliveryWave),
        // which adds its call-start write, its outcome write and its completion of the finished enrolments.
        Assert.Equal(hundred, twoHundred);
        Assert.InRange(hundred - one, 0, 3);
        Assert.InRange(hundred, 1, 30);
    }

    /// Runs the dispatcher over <paramref name="sends"/> due sends (one each for as many members) and returns the
    /// commands it sent, after checking every one was delivered.
    private async Task<int> StatementsToDeliverAsync(int sends)
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: sends, configure: c => c.SendsPerMinute = 1000);
        var scheduled = await scenario.EnrollAsync(await scenario.PlaybookAsync());

        var before = app.Commands.Count;
        var run = await app.Get<Dispatcher>().RunAsync(Ct);
        var statements = app.Commands.Count - before;

        Assert.Equal(sends, run.Sent);
        Assert.Equal(scheduled.Select(s => $"ra-send-{s.Id}").Order(), scenario.Deliveries("notification").Select(d => d.IdempotencyKey).Order());
        return statements;
    }
}
