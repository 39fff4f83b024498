using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Dispatch;

/// The channel a send goes out on (the step's own, or its fallback) and, for email, the address.
public sealed record ChannelRoute(MessageChannel Channel, string? EmailAddress = null);
