using System.Net;
using System.Text.Json;
using Polly;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Tests.Whop;

public sealed class WhopProtocolTests
{
    [Fact]
    public void TimesWithAnOffsetAreReadAsTheSameInstantInUtc()
    {
        var payment = JsonSerializer.Deserialize<WhopUser>("""{"id":"user_1","created_at":"2026-07-01T12:00:00+02:00"}""", WhopJson.Options)!;

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), payment.CreatedAt);
        Assert.Equal(TimeSpan.Zero, payment.CreatedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("true", HttpStatusCode.BadRequest, true)]
    [InlineData("false", HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(null, HttpStatusCode.Conflict, true)]
    [InlineData(null, HttpStatusCode.RequestTimeout, true)]
    [InlineData(null, HttpStatusCode.Forbidden, false)]
    public void XShouldRetryOverridesTheStatusCode(string? header, HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);
        if (header is not null) response.Headers.Add("x-should-retry", header);

        Assert.Equal(retried, WhopResilience.ShouldRetry(Outcome.FromResult(response)));
    }

    [Fact]
    public void RetryAfterMillisecondsWinsAndLongWaitsAreCapped()
    {
        using var both = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        both.Headers.Add("retry-after-ms", "250");
        both.Headers.Add("retry-after", "30");
        using var tooLong = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        tooLong.Headers.Add("retry-after", "3600");

        Assert.Equal(TimeSpan.FromMilliseconds(250), WhopResilience.ServerDelay(both, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromMinutes(1), WhopResilience.ServerDelay(tooLong, TimeSpan.FromMinutes(1)));
        Assert.Null(WhopResilience.ServerDelay(new HttpResponseMessage(HttpStatusCode.BadGateway), TimeSpan.FromMinutes(1)));
    }
}
