namespace RevenueAngel.Core.Playbooks;

/// What a step's DelayMinutes counts from. Stored in snake_case.
public enum StepTiming
{
    /// After the previous step (after entry for the first).
    AfterPrevious,
    /// That many minutes before Whop's next automatic retry of the failed payment that started the sequence (a
    /// payment-failed playbook only). Without a next retry it falls back to after the previous step.
    BeforeNextRetry,
}
