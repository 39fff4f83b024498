namespace RevenueAngel.Core.Messaging;

public enum MessageChannel
{
    /// Whop push notification to our app's experience.
    Push,
    /// Whop direct message.
    DirectMessage,
}
