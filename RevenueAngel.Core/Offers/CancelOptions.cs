namespace RevenueAngel.Core.Offers;

/// Whop's `cancel_option` values a member can give when declining (reference §2.5; `testing` is not a member's).
public static class CancelOptions
{
    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        ("too_expensive", "It's too expensive"),
        ("switching", "I'm switching to something else"),
        ("missing_features", "It's missing features I need"),
        ("technical_issues", "Technical issues"),
        ("bad_experience", "I had a bad experience"),
        ("other", "Something else"),
    ];

    public static bool IsKnown(string? value) => All.Any(o => o.Value == value);
}
