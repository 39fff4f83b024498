namespace RevenueAngel.Core.Drafting;

/// What a step's message is for; drafting (model or library) writes to it. Stored and sent in snake_case.
public enum StepPurpose
{
    Welcome,
    Reminder,
    SocialProof,
    FinalIncentive,
    UpgradePitch,
    BenefitsFollowUp,
    UpdatePayment,
    PauseOrDowngrade,
    WinBack,
}
