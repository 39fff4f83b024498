using System.Security.Cryptography;
using System.Text;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Webhooks;

/// The app with two webhook secrets (Whop's `ws_` form and a rotated-in `whsec_` one), few attempts before an
/// event is dead, and no background sweep: tests drain the queue themselves.
public sealed class WebhookAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public const string Secret = "ws_test_secret";
    public static readonly byte[] RotatedKey = RandomNumberGenerator.GetBytes(32);
    public static string RotatedSecret => $"whsec_{Convert.ToBase64String(RotatedKey)}";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Whop:WebhookSecrets:0"] = Secret;
        settings["Whop:WebhookSecrets:1"] = RotatedSecret;
        settings["Webhooks:MaxAttempts"] = "3";
        settings["Webhooks:ProcessOnReceipt"] = "false";
        settings["Whop:MaxRetries"] = "0";
    }

    /// Signs with HMAC computed here, not with the app's code: the UTF-8 of the whole `ws_…` secret is the key.
    public static string SignWithSecret(string id, long timestamp, string body, string secret = Secret) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    public static string SignWithKey(string id, long timestamp, string body, byte[] key) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    public async Task<HttpResponseMessage> DeliverAsync(string body, string? id = null, long? timestamp = null, string? signature = null,
        bool omitSignature = false)
    {
        id ??= $"msg_{Guid.NewGuid():N}";
        var ts = timestamp ?? Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!omitSignature) request.Headers.Add("webhook-signature", signature ?? SignWithSecret(id, ts, body));
        return await App.CreateClient().SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }

    /// Applies everything due, as the job would.
    public Task<int> ProcessAsync() => Get<WebhookProcessor>().RunAsync(ct: Xunit.TestContext.Current.CancellationToken);
}
