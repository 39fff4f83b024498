using RevenueAngel.Core.Analytics;

namespace RevenueAngel.Web.Components.Analytics;

public static class ModuleNames
{
    public static string Of(RevenueModule module) => module switch
    {
        RevenueModule.Nurture => "Nurture",
        RevenueModule.TierLift => "TierLift",
        RevenueModule.ChurnSave => "ChurnSave",
        _ => "Unattributed",
    };
}
