using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Web.Security;

namespace RevenueAngel.Tests.Web.Security;

/// Past its limit every limited kind of request answers 429 with Retry-After; the next user or address is untouched.
public sealed class RateLimitTests(RateLimitedAppFixture limited, PostgresServer postgres) : IClassFixture<RateLimitedAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApiAnswers429WithRetryAfterAndProblemDetailsPerUser()
    {
        const string ip = "198.51.100.10";
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await limited.SendAsync(HttpMethod.Get, "/api/playbooks", ip, "junk-token-api-a")).StatusCode);

        var rejected = await limited.SendAsync(HttpMethod.Get, "/api/playbooks", ip, "junk-token-api-a");

        await AssertRejectedAsync(rejected);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync(Ct));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Too many requests", problem.RootElement.GetProperty("title").GetString());
        // The same user's other API groups share the budget; another user from the same address has their own.
        await AssertRejectedAsync(await limited.SendAsync(HttpMethod.Get, "/api/webhooks/events", ip, "junk-token-api-a"));
        await AssertRejectedAsync(await limited.SendAsync(HttpMethod.Post, "/api/segments/preview", ip, "junk-token-api-a"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await limited.SendAsync(HttpMethod.Get, "/api/playbooks", ip, "junk-token-api-b")).StatusCode);
    }

    [Fact]
    public async Task PagesThatCheckAccessAnswer429WithRetryAfterPerUser()
    {
        const string ip = "198.51.100.20";
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await limited.SendAsync(HttpMethod.Get, "/dashboard/biz_limits", ip, "junk-token-page-a")).StatusCode);

        var rejected = await limited.SendAsync(HttpMethod.Get, "/dashboard/biz_limits/settings", ip, "junk-token-page-a");

        await AssertRejectedAsync(rejected);
        Assert.Contains("Too many requests", await rejected.Content.ReadAsStringAsync(Ct));
        await AssertRejectedAsync(await limited.SendAsync(HttpMethod.Get, "/experiences/exp_limits", ip, "junk-token-page-a"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await limited.SendAsync(HttpMethod.Get, "/dashboard/biz_limits", ip, "junk-token-page-b")).StatusCode);
        // Without a user the address is the partition.
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await limited.SendAsync(HttpMethod.Get, "/dashboard/biz_limits", "198.51.100.21")).StatusCode);
        await AssertRejectedAsync(await limited.SendAsync(HttpMethod.Get, "/dashboard/biz_limits", "198.51.100.21"));
        // Pages that check nothing are not limited.
        for (var i = 0; i <= RateLimitedAppFixture.Limit; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await limited.SendAsync(HttpMethod.Get, "/healthz", "198.51.100.21")).StatusCode);
    }

    [Fact]
    public async Task TrackedLinksAnswer429WithRetryAfterPerAddress()
    {
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await limited.SendAsync(HttpMethod.Get, "/r/AAAAAAAAAAAAAAAAAAAAAA", "198.51.100.30")).StatusCode);

        var rejected = await limited.SendAsync(HttpMethod.Get, "/r/BBBBBBBBBBBBBBBBBBBBBB", "198.51.100.30");

        await AssertRejectedAsync(rejected);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.SendAsync(HttpMethod.Get, "/r/AAAAAAAAAAAAAAAAAAAAAA", "198.51.100.31")).StatusCode);
    }

    [Fact]
    public async Task TheWebhookReceiverAnswers429WithRetryAfterPerAddress()
    {
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await limited.SendAsync(HttpMethod.Post, "/api/webhooks/whop", "198.51.100.40")).StatusCode);

        var rejected = await limited.SendAsync(HttpMethod.Post, "/api/webhooks/whop", "198.51.100.40");

        await AssertRejectedAsync(rejected);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await limited.SendAsync(HttpMethod.Post, "/api/webhooks/whop", "198.51.100.41")).StatusCode);
    }

    [Fact]
    public void EveryApiEndpointHasARateLimitPolicy()
    {
        var endpoints = limited.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint =>
        {
            var policy = endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var expected = endpoint.RoutePattern.RawText!.TrimStart('/') switch
            {
                "api/webhooks/whop" => RateLimitPolicies.Webhooks,
                "api/leads/capture/{companyPublicKey}" => RateLimitPolicies.LeadCapture,
                _ => RateLimitPolicies.Api,
            };
            Assert.True(policy == expected, $"{endpoint.DisplayName} has rate limit policy '{policy}', not '{expected}'");
        });
        var click = Assert.Single(limited.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText == "/r/{token}");
        Assert.Equal(RateLimitPolicies.Clicks, click.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
    }

    [Fact]
    public async Task ALimitBelowOneStopsStartupAndSaysWhich()
    {
        var settings = TestSettings.Demo(await postgres.CreateDatabaseAsync("ratelimits"));
        settings["RateLimits:ClicksPerIpPerMinute"] = "0";
        await using var app = new RevenueAngelApp(settings) { Logs = new CapturedLogs() };

        var failure = app.StartExpectingFailure();

        Assert.Contains(nameof(OptionsValidationException), failure);
        Assert.Contains("ClicksPerIpPerMinute", failure);
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync(Ct));
    }
}
