using System.Net;
using System.Text;
using System.Text.Json;

namespace RevenueAngel.Demo.WhopFake;

/// scripts/send-webhook.sh against the demo: the demo's webhook secret is random per process, so the script hands its
/// event to the fake, which signs and delivers it as Whop would and answers with the app's own reply. Loopback only:
/// the relay signs whatever it is given.
internal static class FakeWebhookRelayEndpoints
{
    public const string Path = "/webhooks";

    public static void MapFakeWebhookRelay(this IEndpointRouteBuilder app, string prefix) =>
        app.MapPost($"{prefix}{Path}", RelayAsync);

    private static async Task<IResult> RelayAsync(HttpRequest request, FakeWebhookSender webhooks)
    {
        if (request.HttpContext.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        string? id = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var value)
                && value.ValueKind == JsonValueKind.String) id = value.GetString();
        }
        catch (JsonException) { }
        var (status, answer) = await webhooks.DeliverAsync(id ?? $"msg_{Guid.NewGuid():N}"[..28], body);
        return Results.Text(answer, "text/plain", statusCode: status);
    }
}
