using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace RevenueAngel.Tests.Leads;

/// Thousands of bodies from a seeded Random — bytes, near-valid and hostile JSON, forms, every content type — and not
/// one 5xx: the capture endpoint answers 202 or a 4xx, whatever a stranger posts.
public sealed class LeadCaptureFuzzTests(LeadsAppFixture app) : IClassFixture<LeadsAppFixture>
{
    private const int Bodies = 3000;
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/problem+json",
        "multipart/form-data; boundary=x", "application/xml", "text/html", "", "garbage/\u00e9", "application/json; charset=latin1",
    ];

    private static readonly string[] Fields = ["email", "name", "utm_source", "consent", "consent_text", "website"];

    [Fact]
    public async Task NoBodyEverGetsA5xx()
    {
        var random = new Random(1313);
        var statuses = new Dictionary<HttpStatusCode, int>();
        string key = "";
        for (var i = 0; i < Bodies; i++)
        {
            // A fresh key before the per-key limit, and a fresh address each time: the bodies are what is tested.
            if (i % (LeadsAppFixture.PerKey - 5) == 0) (_, key) = await app.CompanyAsync();
            var (body, type) = Next(random, i);
            var content = new ByteArrayContent(body);
            if (type.Length > 0 && MediaTypeHeaderValue.TryParse(type, out var parsed)) content.Headers.ContentType = parsed;
            var response = await app.CaptureAsync(random.Next(20) == 0 ? Mangle(random, key) : key, content);
            if ((int)response.StatusCode >= 500)
            {
                var text = Encoding.UTF8.GetString(body);
                Assert.Fail($"body {i} ({type}): {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }
        // The run covered both sides: bodies taken and bodies refused.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Accepted) > 100, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 100, string.Join(", ", statuses));
    }

    private static (byte[] Body, string Type) Next(Random random, int i) => random.Next(8) switch
    {
        0 => (RandomBytes(random, random.Next(0, 3000)), Pick(random, ContentTypes)),
        1 => (Utf8(NearValid(random, i).ToJsonString()), "application/json"),
        2 => (Utf8(Damage(random, NearValid(random, i).ToJsonString())), Pick(random, ContentTypes)),
        3 => (Utf8(Form(random, i)), "application/x-www-form-urlencoded"),
        4 => (Utf8(Deep(random)), "application/json"),
        5 => (Utf8(new string('a', random.Next(7000, 12000))), Pick(random, ContentTypes)),
        6 => (Utf8(Hostile(random, NearValid(random, i))), "text/plain"),
        _ => (Utf8(RandomJson(random, 0)?.ToJsonString() ?? "null"), Pick(random, ContentTypes)),
    };

    private static JsonObject NearValid(Random random, int i)
    {
        var body = new JsonObject
        {
            ["email"] = random.Next(4) == 0 ? RandomText(random) : $"fuzz{i}.{random.Next(1000)}@example.com",
            ["name"] = random.Next(3) == 0 ? RandomJson(random, 2) : RandomText(random),
            ["consent"] = random.Next(3) == 0 ? RandomJson(random, 2) : random.Next(2) == 0,
            ["consent_text"] = random.Next(5) == 0 ? new string('c', random.Next(900, 1200)) : RandomText(random),
            ["utm_source"] = RandomText(random),
        };
        if (random.Next(10) == 0) body["website"] = "http://bot.example";
        return body;
    }

    private static string Hostile(Random random, JsonObject body) => body.ToJsonString().Replace("@example.com", random.Next(3) switch
    {
        0 => "@example.com\\u0000",
        1 => "\\ud800@example.com",
        _ => "@exa\\udfffmple.com",
    }, StringComparison.Ordinal);

    private static string Form(Random random, int i)
    {
        var pairs = Enumerable.Range(0, random.Next(0, 8)).Select(_ => (Pick(random, Fields), RandomText(random)));
        if (random.Next(2) == 0) pairs = pairs.Append(("email", $"form{i}@example.com"));
        var form = string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        return random.Next(6) == 0 ? form + "&%zz=%%&=&email=%ED%A0%80@x.com" : form;
    }

    private static string Deep(Random random)
    {
        var depth = random.Next(10, 3000);
        return new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2);
    }

    private static JsonNode? RandomJson(Random random, int depth) => random.Next(depth > 3 ? 4 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-5, 300))),
        3 => JsonValue.Create(RandomText(random)),
        4 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(5))
            .Select(n => KeyValuePair.Create(random.Next(2) == 0 ? Pick(random, Fields) + (n == 0 ? "" : $"_{n}") : RandomText(random) + n, RandomJson(random, depth + 1)))
            .DistinctBy(p => p.Key)),
    };

    private static string RandomText(Random random)
    {
        var length = random.Next(0, random.Next(10) == 0 ? 400 : 40);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            text.Append(random.Next(8) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0x80, 0x7FF),
                2 => '@',
                3 => "😀"[random.Next(2)],
                _ => (char)random.Next('a', 'z' + 1),
            });
        return text.ToString();
    }

    private static string Damage(Random random, string json)
    {
        var chars = json.ToCharArray();
        for (var n = random.Next(1, 6); n > 0; n--) chars[random.Next(chars.Length)] = "{}[]\",:\\\0"[random.Next(9)];
        return random.Next(3) == 0 ? new string(chars)[..random.Next(chars.Length)] : new string(chars);
    }

    private static string Mangle(Random random, string key) => random.Next(3) switch
    {
        0 => key + "x",
        1 => key.ToUpperInvariant(),
        // No NUL: the test host itself refuses such a path before the app sees it (Kestrel answers 400).
        _ => Uri.EscapeDataString(new string([.. RandomText(random).Where(c => c >= ' ')])) is { Length: > 0 } text ? text : "k",
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
