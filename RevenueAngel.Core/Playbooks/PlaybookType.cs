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

public static class PlaybookTypes
{
    /// Nurture works on leads; TierLift and ChurnSave on members.
    public static SubjectKind Subject(this PlaybookType type) => type == PlaybookType.Nurture ? SubjectKind.Lead : SubjectKind.Member;
}
