namespace RevenueAngel.Core.Billing;

/// Maps what Whop says about a failed payment to a DeclineReason: its `decline_code` when the API version sends one,
/// else the words of its `failure_message` (the processor's text, passed through by Whop).
public static class DeclineReasons
{
    private static readonly Dictionary<string, DeclineReason> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["insufficient_funds"] = DeclineReason.InsufficientFunds,
        ["card_velocity_exceeded"] = DeclineReason.InsufficientFunds,
        ["withdrawal_count_limit_exceeded"] = DeclineReason.InsufficientFunds,
        ["expired_card"] = DeclineReason.ExpiredCard,
        ["invalid_expiry_month"] = DeclineReason.ExpiredCard,
        ["invalid_expiry_year"] = DeclineReason.ExpiredCard,
        ["authentication_required"] = DeclineReason.AuthenticationRequired,
        ["authentication_not_handled"] = DeclineReason.AuthenticationRequired,
        ["card_declined"] = DeclineReason.Declined,
        ["generic_decline"] = DeclineReason.Declined,
        ["do_not_honor"] = DeclineReason.Declined,
        ["do_not_try_again"] = DeclineReason.Declined,
        ["lost_card"] = DeclineReason.Declined,
        ["stolen_card"] = DeclineReason.Declined,
        ["pickup_card"] = DeclineReason.Declined,
        ["restricted_card"] = DeclineReason.Declined,
        ["fraudulent"] = DeclineReason.Declined,
        ["transaction_not_allowed"] = DeclineReason.Declined,
        ["card_not_supported"] = DeclineReason.Declined,
        ["incorrect_cvc"] = DeclineReason.Declined,
        ["incorrect_number"] = DeclineReason.Declined,
        ["processing_error"] = DeclineReason.Other,
    };

    // First match wins: "insufficient funds" before the "declined" most messages also contain.
    private static readonly (string Words, DeclineReason Reason)[] Phrases =
    [
        ("insufficient funds", DeclineReason.InsufficientFunds),
        ("insufficient balance", DeclineReason.InsufficientFunds),
        ("not sufficient funds", DeclineReason.InsufficientFunds),
        ("exceeding its amount limit", DeclineReason.InsufficientFunds),
        ("credit limit", DeclineReason.InsufficientFunds),
        ("has expired", DeclineReason.ExpiredCard),
        ("expired card", DeclineReason.ExpiredCard),
        ("expiration", DeclineReason.ExpiredCard),
        ("expiry", DeclineReason.ExpiredCard),
        ("authenticat", DeclineReason.AuthenticationRequired),
        ("3d secure", DeclineReason.AuthenticationRequired),
        ("3ds", DeclineReason.AuthenticationRequired),
        ("requires additional user action", DeclineReason.AuthenticationRequired),
        ("declined", DeclineReason.Declined),
        ("do not honor", DeclineReason.Declined),
        ("not supported", DeclineReason.Declined),
        ("does not support", DeclineReason.Declined),
        ("security code is incorrect", DeclineReason.Declined),
        ("card number is incorrect", DeclineReason.Declined),
    ];

    public static DeclineReason Of(string? declineCode, string? failureMessage)
    {
        if (declineCode is { Length: > 0 } && Codes.TryGetValue(declineCode.Trim(), out var byCode)) return byCode;
        if (string.IsNullOrWhiteSpace(failureMessage)) return DeclineReason.Other;
        var text = failureMessage.ToLowerInvariant();
        foreach (var (words, reason) in Phrases)
            if (text.Contains(words, StringComparison.Ordinal)) return reason;
        return DeclineReason.Other;
    }
}
