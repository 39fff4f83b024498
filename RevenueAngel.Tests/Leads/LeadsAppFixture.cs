using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Demo.WhopFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// The app talking to the fake Whop, with small capture limits (per IP and per key), requests from any address the
/// test names, signed webhooks applied when the test says, and the waitlist list path configured.
public sealed class LeadsAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public const string Secret = "ws_leads_secret";
    public const int PerIp = 5;
    public const int PerKey = 40;
    public const string WaitlistPath = "waitlist_entries";

    private static int _address;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Whop:WebhookSecrets:0"] = Secret;
        settings["Webhooks:ProcessOnReceipt"] = "false";
        settings["Whop:MaxRetries"] = "0";
        settings["Whop:WaitlistEntriesPath"] = WaitlistPath;
        settings["RateLimits:CapturesPerIpPerMinute"] = PerIp.ToString(CultureInfo.InvariantCulture);
        settings["RateLimits:CapturesPerKeyPerMinute"] = PerKey.ToString(CultureInfo.InvariantCulture);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddRemoteAddresses();

    /// An address no other request of this run used, so the per-IP limit never mixes tests.
    public static string FreshIp()
    {
        var n = Interlocked.Increment(ref _address);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// A company of our own (known to the fake Whop too) and its capture key.
    public async Task<(string CompanyId, string Key)> CompanyAsync()
    {
        var companyId = $"biz_{Guid.NewGuid():N}"[..18];
        await using (var db = App.CreateDbContext())
        {
            db.Companies.Add(new Company
            {
                Id = companyId, Name = "Lead Lab", InstalledAt = Time.GetUtcNow(), WhopExperienceId = $"exp_{companyId}", QuietHoursStart = null, QuietHoursEnd = null,
            });
            db.Plans.Add(new Core.Billing.Plan { Id = PaidPlan(companyId), CompanyId = companyId, Title = "Pro", RenewalPriceCents = 1900, BillingPeriodDays = 30 });
            db.Plans.Add(new Core.Billing.Plan { Id = FreePlan(companyId), CompanyId = companyId, Title = "Free", RenewalPriceCents = 0, BillingPeriodDays = 30 });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        Whop.Store.Companies[companyId] = new FakeCompany(companyId, "Lead Lab");
        Whop.Store.Experiences[$"exp_{companyId}"] = new FakeExperience($"exp_{companyId}", companyId, AppId, "RevenueAngel", "prod_x");
        return (companyId, await Get<LeadCaptureKeys>().GetOrCreateAsync(new CompanyScope(companyId), Xunit.TestContext.Current.CancellationToken));
    }

    public static string PaidPlan(string companyId) => $"plan_pro_{companyId}";
    public static string FreePlan(string companyId) => $"plan_free_{companyId}";

    /// Delivers a signed event and applies it.
    public async Task ApplyAsync(string companyId, string type, object data)
    {
        var response = await DeliverAsync(Webhooks.WhopEvents.Envelope(type, companyId, Time.GetUtcNow(), data));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await ProcessAsync();
    }

    public Task<HttpResponseMessage> CaptureAsync(string key, object body, string? ip = null, string? origin = null) =>
        CaptureAsync(key, JsonContent.Create(body), ip, origin is null ? null : r => r.Headers.Add("Origin", origin));

    public async Task<HttpResponseMessage> CaptureAsync(string key, HttpContent content, string? ip = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/leads/capture/{key}") { Content = content }.From(ip ?? FreshIp());
        configure?.Invoke(request);
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> DeliverAsync(string body)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var ts = Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature",
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{id}.{ts}.{body}"))));
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    public Task<int> ProcessAsync() => Get<WebhookProcessor>().RunAsync(ct: Xunit.TestContext.Current.CancellationToken);
}
