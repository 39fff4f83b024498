namespace RevenueAngel.Core.Playbooks;

/// The event that converts an enrollment and ends its sequence.
public enum PlaybookGoal
{
    FirstPayment,
    /// To the playbook's GoalPlanId, or to any plan with a higher monthly price when none is named.
    Upgrade,
    PaymentRecovered,
    CancelWithdrawn,
    /// A paid new membership after the one that ended (membership_deactivated playbooks only).
    WinBack,
}
