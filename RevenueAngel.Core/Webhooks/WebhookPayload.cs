using System.Text.Json;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// Reads a handler's object from an event's `data`, turning every way that can go wrong into a
/// WebhookPayloadException with the reason.
public static class WebhookPayload
{
    public static T Read<T>(JsonElement data, string what) where T : class
    {
        T? value;
        try
        {
            value = data.Deserialize<T>(WhopJson.Options);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException
                                      or NotSupportedException)
        {
            throw new WebhookPayloadException($"The {what} does not have the shape RevenueAngel reads: {e.Message}", e);
        }
        return value ?? throw new WebhookPayloadException($"The {what} is empty.");
    }

    public static string Id(string? id, string what) =>
        StoredText.IsUsableId(id) ? id! : throw new WebhookPayloadException($"The {what} id is missing, over 64 characters or unstorable.");

    /// An optional reference's id: null when absent, refused when present but unusable.
    public static string? OptionalId(WhopRef? reference, string what) => reference is null ? null : Id(reference.Id, what);

    public static string Status(string? status, string what) =>
        StoredText.IsUsableId(status, 32) ? status! : throw new WebhookPayloadException($"The {what} status is missing, over 32 characters or unstorable.");

    /// A string property of an object, or null when absent or of another type.
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException e)
        {
            throw new WebhookPayloadException($"`{name}` is not valid text: {e.Message}", e);
        }
    }

    /// `{ "name": { "id": "…" } }` → the id, or null when the shape is anything else.
    public static string? RefId(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value, "id") : null;
}
