using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Tests.Infrastructure;

/// The whole app (not in demo mode) talking to the fake Whop over real HTTP, on its own PostgreSQL database,
/// with a clock the tests move. The clock also drives Polly's retry delays: a test here must not make Whop
/// fail transiently, or the retry waits for a clock nobody moves (WhopClientTests covers retries on real time).
public class WhopAppFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const string AppId = "app_revenueangel_test";

    public FakeWhopServer Whop { get; private set; } = null!;
    public RevenueAngelApp App { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        Whop = await FakeWhopServer.StartAsync();
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("whopapp"));
        settings["Whop:ApiBaseUrl"] = Whop.ApiBaseUrl;
        settings["Whop:JwksUrl"] = Whop.JwksUrl;
        settings["Whop:ApiKey"] = Whop.Store.ApiKey;
        settings["Whop:AppId"] = AppId;
        settings["Whop:AcceptLegacyUserTokenKey"] = "false";
        // Tests run the jobs themselves; no timetable may race them (an hourly one fires at every full hour).
        settings["Jobs:Periodic"] = "false";
        settings["Whop:SyncPollSeconds"] = "3600";
        settings["Whop:SyncOnInstall"] = "false";
        settings["Dispatch:SchedulerSeconds"] = "3600";
        settings["Dispatch:PollSeconds"] = "3600";
        settings["Offers:MaintenanceSeconds"] = "3600";
        Configure(settings);
        App = new RevenueAngelApp(settings) { Time = Time, Logs = Logs, TestServices = ConfigureServices };
        if (ServesOnAPort)
        {
            var port = FreePort.Next();
            BaseUrl = $"http://127.0.0.1:{port}";
            App.UseKestrel(port);
        }
        App.StartServer();
    }

    /// Whether the app listens on a real port (for a browser) at BaseUrl.
    protected virtual bool ServesOnAPort => false;

    public string BaseUrl { get; private set; } = "";

    /// Settings a derived fixture changes before the app starts.
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// Services a derived fixture adds after the app's own.
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// A fresh admin of the company, and a token for them.
    public string AdminTokenFor(string companyId)
    {
        var userId = $"user_admin_{Guid.NewGuid():N}"[..24];
        Whop.Store.Grant(userId, companyId, "admin");
        return TokenFor(userId);
    }

    public string TokenFor(string userId) => Whop.Store.Tokens.Mint(userId, AppId, Time.GetUtcNow());

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Add("x-whop-user-token", token);
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string? token, string json) => SendAsync(HttpMethod.Post, path, token, json);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Add("x-whop-user-token", token);
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Whop.DisposeAsync();
    }
}
