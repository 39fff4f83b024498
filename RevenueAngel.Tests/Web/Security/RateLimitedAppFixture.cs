using Microsoft.AspNetCore.Mvc.Testing;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Web.Security;

/// A non-demo app with two requests per minute for every limited kind; each test uses its own users and addresses.
public sealed class RateLimitedAppFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const int Limit = 2;

    private RevenueAngelApp _app = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("ratelimits"));
        foreach (var key in new[] { "ApiPerUserPerMinute", "PagesPerUserPerMinute", "ClicksPerIpPerMinute", "WebhooksPerIpPerMinute" })
            settings[$"RateLimits:{key}"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app = new RevenueAngelApp(settings);
        App = _app.WithRemoteAddresses();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string remoteIp, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path).From(remoteIp);
        if (token is not null) request.Headers.Add("x-whop-user-token", token);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
