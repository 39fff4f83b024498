using System.Text.Json;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Segments;

/// Reads and writes the JSON form stored in playbooks.target_rules:
/// `{"all":[{"field":"tenure_days","op":">=","value":30},{"any":[…]}]}`; `{}` matches everyone.
public static class TargetRulesJson
{
    public static (TargetRule? Rule, IReadOnlyList<string> Problems) Parse(string json, SubjectKind subject)
    {
        var problems = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            var rule = ReadNode(document.RootElement, subject, "rules", problems);
            return (problems.Count == 0 ? rule : null, problems);
        }
        catch (JsonException e)
        {
            return (null, [$"The rules are not valid JSON: {e.Message}"]);
        }
    }

    // Stored and shown as typed (">=" not "\u003E="); never embedded in HTML unencoded.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(TargetRule? rule) => rule is null ? "{}" : JsonSerializer.Serialize(ToJson(rule), Readable);

    private static TargetRule? ReadNode(JsonElement node, SubjectKind subject, string path, List<string> problems)
    {
        if (node.ValueKind != JsonValueKind.Object) { problems.Add($"{path}: expected an object."); return null; }
        if (node.TryGetProperty("all", out var all) || node.TryGetProperty("any", out all))
        {
            var requireAll = node.TryGetProperty("all", out _);
            if (all.ValueKind != JsonValueKind.Array) { problems.Add($"{path}: '{(requireAll ? "all" : "any")}' must be a list."); return null; }
            var children = all.EnumerateArray().Select((child, i) => ReadNode(child, subject, $"{path}[{i}]", problems)).OfType<TargetRule>().ToList();
            return new RuleGroup(requireAll, children);
        }
        if (!node.TryGetProperty("field", out var fieldName)) return node.EnumerateObject().Any() ? Problem($"{path}: expected 'all', 'any' or 'field'.") : null;

        var name = fieldName.GetString() ?? "";
        if (!RuleFields.ByName.TryGetValue(name, out var field)) return Problem($"{path}: unknown field '{name}'.");
        if (field.Subject != subject) return Problem($"{path}: '{name}' applies to {field.Subject.ToString().ToLowerInvariant()}s, not {subject.ToString().ToLowerInvariant()}s.");
        var op = node.TryGetProperty("op", out var o) ? o.GetString() ?? "" : "";
        if (!RuleFields.OperatorsFor(field.Kind).Contains(op)) return Problem($"{path}: '{name}' takes {string.Join(", ", RuleFields.OperatorsFor(field.Kind))}, not '{op}'.");
        if (!node.TryGetProperty("value", out var value)) return Problem($"{path}: '{name}' needs a value.");

        return field.Kind switch
        {
            RuleFields.Kind.Number when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
                => new RuleCondition(name, op, Number: number),
            RuleFields.Kind.Texts when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                => new RuleCondition(name, op, Texts: [.. value.EnumerateArray().Select(v => v.ToString())]),
            RuleFields.Kind.Flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False
                => new RuleCondition(name, op, Flag: value.GetBoolean()),
            _ => Problem($"{path}: '{name}' needs {(field.Kind == RuleFields.Kind.Number ? "a whole number, 0 or more" : field.Kind == RuleFields.Kind.Texts ? "a list of values" : "true or false")}."),
        };

        TargetRule? Problem(string message)
        {
            problems.Add(message);
            return null;
        }
    }

    private static object ToJson(TargetRule rule) => rule switch
    {
        RuleGroup g => g.RequireAll ? new { all = g.Children.Select(ToJson) } : new { any = g.Children.Select(ToJson) } as object,
        RuleCondition { Number: { } n } c => new { field = c.Field, op = c.Operator, value = n },
        RuleCondition { Flag: { } f } c => new { field = c.Field, op = c.Operator, value = f },
        RuleCondition c => new { field = c.Field, op = c.Operator, value = c.Texts ?? [] },
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
