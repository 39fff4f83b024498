namespace RevenueAngel.Core.Playbooks;

/// What enrolls a subject: matching the target rules, or one of the Whop events that raises a trigger.
public enum PlaybookTrigger
{
    SegmentEntry,
    PaymentFailed,
    CancelRequested,
    MembershipDeactivated,
}
