using System.Text;
using System.Text.Json.Nodes;

namespace RevenueAngel.Tests.Webhooks;

/// Signed bodies no handler can apply, from a seeded Random: random bytes, raw NUL, deep nesting, truncated JSON,
/// over-long and unstorable event types and company ids, legacy and unknown types, and real event shapes for an
/// installed company with a field the handler needs given a wrong type or an unusable value (plus random damage
/// elsewhere). Each is a (kind, body) pair; `Broken` ones are for the installed company and must fail.
public sealed class HostileBodies(Random random, string companyId, string userPrefix, string planId)
{
    public const string Broken = "broken";

    private static readonly string[] KnownTypes =
        ["payment.succeeded", "payment.failed", "payment.created", "membership.activated", "membership.deactivated", "refund.created"]; // refunds last: Broken events skip them (they read fewer fields)

    public (string Kind, byte[] Body) Next(int i) => random.Next(11) switch
    {
        0 => ("bytes", RandomBytes()),
        1 => ("nul", WithRawNul()),
        2 => ("nesting", Deep()),
        3 => ("truncated", Truncate(Utf8(Envelope(KnownTypes[random.Next(KnownTypes.Length)], RealData(i))))),
        4 => ("long-type", Utf8(Envelope(KnownTypes[random.Next(KnownTypes.Length)] + new string('x', 250 + random.Next(100)), RealData(i)))),
        5 => ("odd-type", Utf8(Envelope(random.Next(2) == 0 ? "payment.succeeded\u0000" : "membership.LONESURROGATEactivated", RealData(i)))),
        6 => ("legacy", Utf8(new JsonObject { ["action"] = "payment.succeeded", ["api_version"] = "v5", ["data"] = RealData(i) }.ToJsonString())),
        7 => ("unknown-type", Utf8(Envelope(random.Next(2) == 0 ? "chat.message_created" : $"x.{random.Next()}", RealData(i)))),
        8 => ("company", Utf8(Envelope(KnownTypes[random.Next(KnownTypes.Length)], WithCompany(RealData(i), OddCompany()), OddCompany()))),
        _ => (Broken, Utf8(Envelope(KnownTypes[random.Next(KnownTypes.Length - 1)], BreakData(RealData(i))))),
    };

    // System.Text.Json will not write a lone surrogate: the escape is put in by hand.
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text.Replace("LONESURROGATE", "\\ud800", StringComparison.Ordinal));

    private string Envelope(string type, JsonNode? data, JsonNode? company = null) => new JsonObject
    {
        ["id"] = $"evt_{random.Next()}", ["api_version"] = "v1", ["type"] = type, ["timestamp"] = "2026-11-26T12:00:00.000Z",
        ["company_id"] = company ?? companyId, ["data"] = data,
    }.ToJsonString();

    private JsonObject RealData(int i) => new()
    {
        ["id"] = $"pay_hostile_{i}", ["status"] = "paid", ["total"] = 19.99m, ["currency"] = "usd", ["created_at"] = "2026-11-26T11:00:00.000Z",
        ["updated_at"] = "2026-11-26T11:00:00.000Z", ["company"] = new JsonObject { ["id"] = companyId },
        ["user"] = new JsonObject { ["id"] = $"{userPrefix}{random.Next(5)}", ["name"] = "Hostile" },
        ["membership"] = new JsonObject { ["id"] = $"mem_hostile_{i}", ["status"] = "active" }, ["plan"] = new JsonObject { ["id"] = planId },
        ["cancel_at_period_end"] = false, ["amount"] = 5, ["payment"] = new JsonObject { ["id"] = $"pay_hostile_{i}" },
    };

    /// A field every handler needs, made unusable; then a few random fields of random types.
    private JsonNode? BreakData(JsonObject data)
    {
        switch (random.Next(5))
        {
            case 0: return WrongType();
            case 1: data["id"] = random.Next(3) switch { 0 => WrongType(), 1 => new string('p', 65 + random.Next(400)), _ => "pay_\u0000x" }; break;
            case 2: data["status"] = random.Next(2) == 0 ? WrongType() : new string('s', 33 + random.Next(100)); break;
            case 3: data["user"] = random.Next(2) == 0 ? random.Next() : JsonValue.Create("user_as_a_string"); break;
            default: data.Remove("id"); break;
        }
        string[] fields = ["created_at", "total", "currency", "name", "membership", "cancel_at_period_end", "metadata", "updated_at", "amount"];
        for (var n = random.Next(3); n > 0; n--) data[fields[random.Next(fields.Length)]] = AnyValue(3);
        return data;
    }

    private JsonNode WrongType() => random.Next(4) switch
    {
        0 => JsonValue.Create(random.Next() * (random.Next(2) == 0 ? 1e290 : 1.5))!,
        1 => new JsonArray(AnyValue(2), AnyValue(2)),
        2 => JsonValue.Create(random.Next(2) == 0),
        _ => new JsonObject { ["id"] = new JsonObject { ["nested"] = AnyValue(2) } },
    };

    private JsonNode? AnyValue(int depth) => random.Next(depth <= 0 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.NextDouble() * 1e30),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => JsonValue.Create(new string('z', random.Next(2000))),
        4 => JsonValue.Create($"a\u0000bLONESURROGATEc{random.Next()}"),
        5 => new JsonArray(AnyValue(depth - 1), AnyValue(depth - 1)),
        _ => new JsonObject { ["id"] = AnyValue(depth - 1), ["status"] = AnyValue(depth - 1) },
    };

    private static JsonObject WithCompany(JsonObject data, JsonNode company)
    {
        data["company"] = new JsonObject { ["id"] = company };
        return data;
    }

    private JsonNode OddCompany() => random.Next(3) switch
    {
        0 => new JsonObject { ["id"] = companyId },
        1 => JsonValue.Create(new string('b', 65 + random.Next(300))),
        _ => JsonValue.Create(companyId + "\u0000"),
    };

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(1, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] WithRawNul()
    {
        var body = Utf8(Envelope(KnownTypes[random.Next(KnownTypes.Length)], RealData(random.Next())));
        body[random.Next(body.Length)] = 0;
        return body;
    }

    private byte[] Deep()
    {
        var depth = 65 + random.Next(20_000);
        var open = random.Next(2) == 0 ? "[" : "{\"data\":";
        var close = open == "[" ? "]" : "}";
        var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return Utf8($"{{\"api_version\":\"v1\",\"type\":\"payment.succeeded\",\"company_id\":\"{companyId}\",\"data\":{inner}}}");
    }

    private byte[] Truncate(byte[] body) => body[..random.Next(1, body.Length - 1)];
}
