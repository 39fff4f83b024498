using System.Diagnostics;
using RevenueAngel.Core.Whop;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Whop;

/// The process-wide limiter in the real pipeline, on real time: 60 requests a minute is a burst of 10, then one a second.
public sealed class WhopRateLimiterTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitingForARateLimitTokenDoesNotCountAgainstTheAttemptTimeout()
    {
        await using var whop = await FakeWhopServer.StartAsync();
        var company = new FakeWhopBuilder(whop.Store).WithCatalog().CompanyId;
        await using var core = await StartAsync(whop, queueLimit: 20, attemptTimeoutSeconds: 2);
        var client = core.Get<WhopClient>();
        await client.GetCompanyAsync(company, Ct);
        var clock = Stopwatch.StartNew();

        // Nine tokens are left for the burst; the last five wait 1–5 s for theirs: longer than the 2 s attempt timeout.
        var companies = await Task.WhenAll(Enumerable.Range(0, 14).Select(_ => client.GetCompanyAsync(company, Ct)));

        Assert.All(companies, c => Assert.Equal(company, c.Id));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3), $"took {clock.Elapsed}: the limiter did not make anyone wait");
    }

    [Fact]
    public async Task ARequestBeyondTheBoundedQueueFailsAtOnceWithoutBeingSent()
    {
        await using var whop = await FakeWhopServer.StartAsync();
        var company = new FakeWhopBuilder(whop.Store).WithCatalog().CompanyId;
        await using var core = await StartAsync(whop, queueLimit: 2, attemptTimeoutSeconds: 15);
        var client = core.Get<WhopClient>();

        var calls = Enumerable.Range(0, 16).Select(_ => Timed(client.GetCompanyAsync(company, Ct))).ToList();
        var outcomes = await Task.WhenAll(calls);

        var refused = outcomes.Where(o => o.Error is not null).ToList();
        Assert.All(refused, o => Assert.IsType<WhopQueueFullException>(o.Error));
        Assert.All(refused, o => Assert.True(o.Took < TimeSpan.FromSeconds(1), $"refused after {o.Took}"));
        Assert.Contains("Whop:RateLimitQueueLimit", refused[0].Error!.Message);
        Assert.InRange(refused.Count, 3, 4);
        Assert.Equal(16 - refused.Count, whop.Store.Requests.Count(r => r.PathAndQuery.Contains(company, StringComparison.Ordinal)));
    }

    private static async Task<(Exception? Error, TimeSpan Took)> Timed(Task call)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await call;
            return (null, clock.Elapsed);
        }
        catch (Exception e)
        {
            return (e, clock.Elapsed);
        }
    }

    private static Task<CoreHost> StartAsync(FakeWhopServer whop, int queueLimit, int attemptTimeoutSeconds)
    {
        var settings = TestSettings.Production(null);
        settings["Whop:ApiBaseUrl"] = whop.ApiBaseUrl;
        settings["Whop:JwksUrl"] = whop.JwksUrl;
        settings["Whop:ApiKey"] = whop.Store.ApiKey;
        settings["Whop:AppId"] = WhopFakeFixture.AppId;
        settings["Whop:RequestsPerMinute"] = "60";
        settings["Whop:AttemptTimeoutSeconds"] = attemptTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Whop:MaxRetries"] = "0";
        settings["Whop:RateLimitQueueLimit"] = queueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return CoreHost.StartSqliteAsync(settings);
    }
}
