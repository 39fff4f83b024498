namespace RevenueAngel.Core.Email;

/// The mail server did not take the message.
public abstract class EmailDeliveryException(string message, Exception? inner) : Exception(message, inner);

/// A 4xx, or no connection or login: nothing was accepted, so a retry is safe.
public sealed class EmailTransientException(string message, Exception? inner = null) : EmailDeliveryException(message, inner);

/// A 5xx. <see cref="HardBounce"/> when the server refused the recipient or the message for them: the address is suppressed.
public sealed class EmailRejectedException(string message, bool hardBounce, Exception? inner = null) : EmailDeliveryException(message, inner)
{
    public bool HardBounce { get; } = hardBounce;
}
