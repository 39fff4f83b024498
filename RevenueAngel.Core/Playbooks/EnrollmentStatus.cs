namespace RevenueAngel.Core.Playbooks;

public enum EnrollmentStatus
{
    Active,
    /// Reached the playbook's goal.
    Converted,
    /// Left early: no longer eligible, playbook disabled, membership gone.
    Exited,
    /// Every step was sent without the goal being reached.
    Completed,
}
