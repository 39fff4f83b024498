using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Segments;

namespace RevenueAngel.Web.Components.Playbooks.Rules;

/// How fields, operators and fixed values read in the builder.
public static class RuleLabels
{
    public static readonly IReadOnlyList<string> MembershipStatuses = ["active", "trialing", "past_due", "canceling", "canceled", "expired"];

    public static readonly IReadOnlyList<string> DeclineReasons = [.. Enum.GetValues<DeclineReason>().Select(StoredEnum<DeclineReason>.ToText)];

    public static string Field(string name) => Sentence(name);

    public static string Value(string value) => Sentence(value);

    public static string Operator(string op) => op switch
    {
        "in" => "is any of",
        "not_in" => "is none of",
        "==" => "=",
        "!=" => "≠",
        ">=" => "≥",
        "<=" => "≤",
        _ => op,
    };

    private static string Sentence(string snake) =>
        snake.Length == 0 ? snake : char.ToUpperInvariant(snake[0]) + snake[1..].Replace('_', ' ');
}
