using System.Text.Json;

namespace RevenueAngel.Core.Webhooks;

/// Whop's v1 envelope: `{ id, api_version, type, timestamp, company_id, data }` (reference §2.2).
public sealed record WebhookEnvelope(string? Type, string? CompanyId, DateTimeOffset? Timestamp, string? Problem, bool IsLegacy)
{
    public static WebhookEnvelope Read(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(null, null, null, "The body is not a JSON object.", false);
            var version = Text(root, "api_version");
            if (root.TryGetProperty("action", out _) || version is "v5" or "v2")
                return new(Text(root, "action"), null, null, $"Legacy {version ?? "v5"} envelope: configure the webhook with API version v1.", true);
            var type = Text(root, "type");
            if (type is null || !root.TryGetProperty("data", out _)) return new(type, Text(root, "company_id"), null, "No event type or data.", false);
            DateTimeOffset? timestamp = Text(root, "timestamp") is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
            return new(type, Text(root, "company_id"), timestamp, null, false);
        }
        catch (JsonException e)
        {
            return new(null, null, null, $"The body is not JSON: {e.Message}", false);
        }
        catch (InvalidOperationException e)
        {
            // A string escape that is no text (a lone surrogate such as \ud800).
            return new(null, null, null, $"The envelope holds a string that is not valid text: {e.Message}", false);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
