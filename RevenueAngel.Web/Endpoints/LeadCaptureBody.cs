using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RevenueAngel.Core.Leads;

namespace RevenueAngel.Web.Endpoints;

/// Reads a lead from a request body a stranger sent: JSON (`application/json`, or `text/plain` so a page can post
/// without a CORS preflight) or a plain HTML form (`application/x-www-form-urlencoded`), at most MaxBytes. Every way
/// it can be wrong is a problem to answer with, never an exception.
public static class LeadCaptureBody
{
    public const int MaxBytes = 8 * 1024;

    public sealed record Read(LeadCaptureRequest? Request, int Status = StatusCodes.Status200OK, string? Field = null, string? Problem = null)
    {
        public bool IsForm { get; init; }
    }

    public static async Task<Read> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return TooLarge();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        byte[] body;
        try
        {
            body = await ReadCappedAsync(request.Body, ct);
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : new Read(null, StatusCodes.Status400BadRequest, "body", "The body could not be read.");
        }
        if (body.Length > MaxBytes) return TooLarge();

        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToLowerInvariant() : null;
        return mediaType switch
        {
            "application/json" or "text/plain" => FromJson(body),
            { } json when json.EndsWith("+json", StringComparison.Ordinal) => FromJson(body),
            "application/x-www-form-urlencoded" => FromForm(body),
            _ => new Read(null, StatusCodes.Status415UnsupportedMediaType, "body",
                "Send JSON (application/json or text/plain) or a form (application/x-www-form-urlencoded)."),
        };
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[2048];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) break;
        }
        return buffer.ToArray();
    }

    private static Read FromJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return new Read(null, StatusCodes.Status400BadRequest, "body", "The body is not valid JSON.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new Read(null, StatusCodes.Status400BadRequest, "body", "The body must be a JSON object.");
            var problems = new List<(string Field, string Problem)>();
            var consent = root.TryGetProperty("consent", out var c) ? c.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False or JsonValueKind.Null => false,
                _ => Note(problems, "consent", "`consent` must be true or false."),
            } : false;
            var request = new LeadCaptureRequest(Text(root, "email", problems), Text(root, "name", problems), Text(root, "utm_source", problems),
                consent, Text(root, "consent_text", problems), Text(root, "website", problems));
            return problems.Count > 0 ? new Read(null, StatusCodes.Status400BadRequest, problems[0].Field, problems[0].Problem) : new Read(request);
        }
    }

    private static Read FromForm(byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string? Field(string name) => form.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;
        var consent = Field("consent")?.Trim().ToLowerInvariant() is "on" or "true" or "1" or "yes";
        return new Read(new LeadCaptureRequest(Field("email"), Field("name"), Field("utm_source"), consent, Field("consent_text"), Field("website")))
        {
            IsForm = true,
        };
    }

    private static string? Text(JsonElement root, string name, List<(string, string)> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add((name, $"`{name}` must be a string."));
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            problems.Add((name, $"`{name}` is not valid text."));
            return null;
        }
    }

    private static bool Note(List<(string, string)> problems, string field, string problem)
    {
        problems.Add((field, problem));
        return false;
    }

    private static Read TooLarge() =>
        new(null, StatusCodes.Status413PayloadTooLarge, "body", $"The body is larger than {MaxBytes / 1024} KB.");
}
