using System.Runtime.Serialization;

namespace RevenueAngel.Core.Playbooks;

public enum PlaybookType
{
    /// Leads and free members to a first payment.
    Nurture,
    /// TierLift: active members to a higher plan.
    Upsell,
    [EnumMember(Value = "churnsave")]
    ChurnSave,
}
