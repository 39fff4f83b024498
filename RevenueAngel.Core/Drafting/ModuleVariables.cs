using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Drafting;

/// The message variables that have a value for each module's subjects (a lead has no upgrade plan or failed payment):
/// the model is offered only these, and a draft using another is sent back.
public static class ModuleVariables
{
    private static readonly string[] Nurture = ["first_name", "community_name", "member_count", "plan_name", "plan_price"];
    private static readonly string[] Upsell = ["first_name", "community_name", "member_count", "plan_name", "plan_price", "upgrade_plan_name", "upgrade_plan_price", "days_as_member"];
    private static readonly string[] ChurnSave = ["first_name", "community_name", "member_count", "plan_name", "plan_price", "amount_due", "card_last4", "days_as_member"];

    /// The variables a title, body or button label may use (links come from the step's purpose).
    public static IReadOnlyList<MessageVariables.Variable> For(PlaybookType module) =>
        [.. (module switch { PlaybookType.Nurture => Nurture, PlaybookType.Upsell => Upsell, _ => ChurnSave }).Select(n => MessageVariables.ByName[n])];
}
