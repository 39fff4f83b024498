namespace RevenueAngel.Core.Billing;

/// Why a payment failed, in the few kinds a dunning message is written for. Stored and sent in snake_case.
public enum DeclineReason
{
    InsufficientFunds,
    ExpiredCard,
    AuthenticationRequired,
    Declined,
    Other,
}
