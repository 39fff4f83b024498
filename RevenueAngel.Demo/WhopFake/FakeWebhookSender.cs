using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RevenueAngel.Demo.WhopFake;

/// Delivers the events the fake raises as Whop does: a v1 envelope signed per Standard Webhooks, the HMAC
/// key being the UTF-8 bytes of the whole `ws_…` secret (reference §2.6).
public sealed class FakeWebhookSender(FakeWhopStore store, IHttpClientFactory clients, ILogger<FakeWebhookSender> logger)
{
    public async Task SendAsync(string eventType, string companyId, object data)
    {
        if (store.WebhookUrl is null) return;
        var id = $"msg_{Guid.NewGuid():N}"[..28];
        var now = store.Time.GetUtcNow();
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["api_version"] = "v1", ["type"] = eventType,
            ["timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["company_id"] = companyId, ["data"] = data,
        });
        await DeliverAsync(id, body);
    }

    /// Signs <paramref name="body"/> and posts it to the app; returns the app's answer (502 when it could not be reached).
    public async Task<(int Status, string Body)> DeliverAsync(string id, string body)
    {
        if (store.WebhookUrl is not { } url) return (StatusCodes.Status502BadGateway, "no webhook URL");
        var timestamp = store.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Sign(store.WebhookSecret, id, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(nameof(FakeWebhookSender)).SendAsync(request);
            if (!response.IsSuccessStatusCode) logger.LogWarning("Fake Whop webhook {Id} answered {Status}", id, (int)response.StatusCode);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Fake Whop could not deliver webhook {Id}", id);
            return (StatusCodes.Status502BadGateway, e.Message);
        }
    }

    public static string Sign(string secret, string id, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return $"v1,{Convert.ToBase64String(mac)}";
    }
}
