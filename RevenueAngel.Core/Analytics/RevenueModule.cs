namespace RevenueAngel.Core.Analytics;

/// Where a conversion's revenue came from: the module of the attributed send's playbook, or none.
public enum RevenueModule
{
    Nurture,
    TierLift,
    ChurnSave,
    Unattributed,
}
