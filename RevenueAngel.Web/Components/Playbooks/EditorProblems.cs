using System.Text.RegularExpressions;

namespace RevenueAngel.Web.Components.Playbooks;

/// The editor's save problems, looked up by the key of the field they belong to (`name`, `steps[1].body`).
public sealed partial class EditorProblems(IReadOnlyDictionary<string, string[]> byKey)
{
    public static EditorProblems None { get; } = new(new Dictionary<string, string[]>());

    public bool Any => byKey.Count > 0;

    public string? For(string key) => byKey.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    public string? ForStep(int index, string field) => For($"steps[{index}].{field}");

    public IEnumerable<(string Where, string Message)> All =>
        byKey.SelectMany(p => p.Value.Select(m => (Describe(p.Key), m)));

    /// Steps were reordered or removed: their index-keyed problems no longer point at the right step.
    public EditorProblems WithoutSteps() => new(byKey.Where(p => !p.Key.StartsWith("steps[", StringComparison.Ordinal)).ToDictionary());

    public static string Describe(string key)
    {
        if (VariantKey().Match(key) is { Success: true } variant)
            return $"Step {int.Parse(variant.Groups[1].Value) + 1} · variant {int.Parse(variant.Groups[2].Value) + 1} · {Describe(variant.Groups[3].Value)}";
        if (StepKey().Match(key) is { Success: true } step)
            return $"Step {int.Parse(step.Groups[1].Value) + 1} · {Describe(step.Groups[2].Value)}";
        return key switch
        {
            "name" => "Name",
            "type" => "Type",
            "trigger" => "Trigger",
            "goal" => "Goal",
            "goalPlanId" => "Goal plan",
            "targetRules" => "Audience rules",
            "exitRules" => "Exit rules",
            "priority" => "Priority",
            "reentryAfterDays" => "Re-entry",
            "holdoutPercent" => "Holdout",
            "steps" => "Steps",
            "ctaLabel" => "button label",
            "ctaUrl" => "button link",
            "delayMinutes" => "delay",
            "split" => "A/B split",
            "percent" => "share of A",
            "variants" => "variants",
            _ => key,
        };
    }

    [GeneratedRegex(@"^steps\[(\d+)\]\.variants\[(\d+)\]\.(\w+)$")]
    private static partial Regex VariantKey();

    [GeneratedRegex(@"^steps\[(\d+)\]\.(\w+)$")]
    private static partial Regex StepKey();
}
