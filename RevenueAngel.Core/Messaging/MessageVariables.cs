namespace RevenueAngel.Core.Messaging;

/// The variables a message template may use. Save-time validation rejects any other name; a render supplies a
/// value or the fallback for each, and refuses to send when neither exists.
public static class MessageVariables
{
    public sealed record Variable(string Name, string Description, string Sample, string? Fallback = null);

    public static readonly IReadOnlyList<Variable> All =
    [
        new("first_name", "The member's first name", "Maya", Fallback: "there"),
        new("community_name", "Your community's name on Whop", "Growth Lab"),
        new("member_count", "How many active members you have", "1,240"),
        new("plan_name", "The member's current plan", "Basic"),
        new("plan_price", "Its price per billing period", "$19.00"),
        new("upgrade_plan_name", "The plan this playbook upgrades to", "Pro"),
        new("upgrade_plan_price", "Its price per billing period", "$49.00"),
        new("amount_due", "The failed payment's amount", "$19.00"),
        new("card_last4", "The last 4 digits of the card that failed", "4242", Fallback: "on file"),
        new("days_as_member", "Days since the member joined", "64"),
        new("checkout_url", "A checkout link for the target plan", "https://whop.com/checkout/plan_123"),
        new("update_payment_url", "The member's billing page on Whop", "https://whop.com/billing/manage/mber_123/"),
        new("offer_url", "The member's save offer page when the step has an offer; otherwise the playbook's checkout link", "https://whop.com/checkout/plan_456?session=ch_789"),
    ];

    public static readonly IReadOnlyDictionary<string, Variable> ByName = All.ToDictionary(v => v.Name, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string?> Samples { get; } = All.ToDictionary(v => v.Name, v => (string?)v.Sample);
}
