using RevenueAngel.Core.Billing;

namespace RevenueAngel.Tests.Domain;

/// Whop passes the processor's words through `failure_message` (and, in newer API versions, `decline_code`).
public sealed class DeclineReasonTests
{
    [Theory]
    [InlineData("Your card has insufficient funds.", DeclineReason.InsufficientFunds)]
    [InlineData("Your card was declined. Your request was in live mode, but used a known test card.", DeclineReason.Declined)]
    [InlineData("Your card was declined.", DeclineReason.Declined)]
    [InlineData("Your card has expired.", DeclineReason.ExpiredCard)]
    [InlineData("Your card's expiration year is invalid.", DeclineReason.ExpiredCard)]
    [InlineData("Your card's security code is incorrect.", DeclineReason.Declined)]
    [InlineData("Your card number is incorrect.", DeclineReason.Declined)]
    [InlineData("Your card does not support this type of purchase.", DeclineReason.Declined)]
    [InlineData("This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice. For more details see: https://stripe.com/docs/billing/subscriptions/overview#requires-action", DeclineReason.AuthenticationRequired)]
    [InlineData("The card was declined as it requires authentication (3D Secure).", DeclineReason.AuthenticationRequired)]
    [InlineData("Your card was declined for making repeated attempts too frequently or exceeding its amount limit.", DeclineReason.InsufficientFunds)]
    [InlineData("An error occurred while processing your card. Try again in a little bit.", DeclineReason.Other)]
    [InlineData("Payment failed", DeclineReason.Other)]
    [InlineData(null, DeclineReason.Other)]
    public void AFailureMessageMapsToItsReason(string? message, DeclineReason reason) => Assert.Equal(reason, DeclineReasons.Of(null, message));

    [Theory]
    [InlineData("insufficient_funds", DeclineReason.InsufficientFunds)]
    [InlineData("EXPIRED_CARD", DeclineReason.ExpiredCard)]
    [InlineData("authentication_required", DeclineReason.AuthenticationRequired)]
    [InlineData("do_not_honor", DeclineReason.Declined)]
    [InlineData("processing_error", DeclineReason.Other)]
    public void ADeclineCodeWinsOverTheMessage(string code, DeclineReason reason) =>
        Assert.Equal(reason, DeclineReasons.Of(code, "Your card was declined."));

    [Fact]
    public void AnUnknownCodeFallsBackToTheMessage() =>
        Assert.Equal(DeclineReason.InsufficientFunds, DeclineReasons.Of("something_new", "Your card has insufficient funds."));
}
