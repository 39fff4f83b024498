namespace RevenueAngel.Core.Messaging;

public enum MessageChannel
{
    /// Whop push notification to our app's experience.
    Push,
    /// Whop direct message.
    DirectMessage,
    /// Email over SMTP (Email:* settings) to a subject whose address may receive it (consent, not suppressed).
    Email,
}
