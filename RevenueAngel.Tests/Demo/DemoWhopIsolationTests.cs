using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Core.Whop;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Demo;

/// The demo's fake Whop holds no published secret and no unbounded state.
public sealed class DemoWhopIsolationTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachDemoHostSignsWithItsOwnRandomSecretAndRefusesTheOthers()
    {
        await using var first = new RevenueAngelApp(TestSettings.Demo(await postgres.CreateDatabaseAsync("demosecret")));
        await using var second = new RevenueAngelApp(TestSettings.Demo(await postgres.CreateDatabaseAsync("demosecret")));

        var (firstSecret, secondSecret) = (SecretOf(first), SecretOf(second));

        Assert.NotEqual(firstSecret, secondSecret);
        Assert.All([firstSecret, secondSecret], s => Assert.Matches("^ws_demo_[0-9a-f]{48}$", s));
        Assert.Equal([firstSecret], first.Services.GetRequiredService<IOptions<WhopOptions>>().Value.WebhookSecrets);
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(first, firstSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostWebhookAsync(first, secondSecret));
    }

    [Fact]
    public async Task AConfiguredSecretAndLogLimitAreUsedAsGiven()
    {
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("demosecret"));
        settings["Demo:WebhookSecret"] = "ws_demo_chosen_for_the_script";
        settings["Demo:RequestLogLimit"] = "7";
        await using var app = new RevenueAngelApp(settings);

        Assert.Equal("ws_demo_chosen_for_the_script", SecretOf(app));
        Assert.Equal(7, app.Services.GetRequiredService<FakeWhopStore>().Requests.Limit);
        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(app, "ws_demo_chosen_for_the_script"));
    }

    [Fact]
    public async Task TheDemosFakeKeepsAFewThousandRequestsByDefault()
    {
        await using var app = new RevenueAngelApp(TestSettings.Demo(await postgres.CreateDatabaseAsync("demosecret")));

        Assert.Equal(FakeRequestLog.DefaultLimit, app.Services.GetRequiredService<FakeWhopStore>().Requests.Limit);
        Assert.InRange(FakeRequestLog.DefaultLimit, 1_000, 10_000);
    }

    [Fact]
    public async Task TheFakesRequestLogKeepsOnlyTheLatestCalls()
    {
        var store = new FakeWhopStore { Requests = { Limit = 5 } };
        await using var whop = await FakeWhopServer.StartAsync(store);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", store.ApiKey);

        for (var i = 0; i < 40; i++) await http.GetAsync($"{whop.ApiBaseUrl}/users/user_{i:D2}", Ct);

        Assert.Equal(Enumerable.Range(35, 5).Select(i => $"/api/v1/users/user_{i:D2}"), store.Requests.Select(r => r.PathAndQuery));
    }

    private static string SecretOf(RevenueAngelApp app) => app.Services.GetRequiredService<FakeWhopStore>().WebhookSecret;

    private static async Task<HttpStatusCode> PostWebhookAsync(RevenueAngelApp app, string secret)
    {
        var id = $"msg_{Guid.NewGuid():N}"[..28];
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            id, api_version = "v1", type = "app.test", timestamp = "2026-11-26T14:00:00.000Z", company_id = "biz_demo", data = new { },
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, Encoding.UTF8.GetBytes(body)));
        using var response = await app.CreateClient().SendAsync(request, Ct);
        return response.StatusCode;
    }
}
