namespace RevenueAngel.Core.Webhooks;

/// An event names a plan we have not stored and Whop did not give it (yet): the event fails and is retried.
public sealed class PlanUnavailableException(string planId, string? problem)
    : Exception(problem ?? $"Plan {planId} is not stored yet; it is fetched from Whop before the next attempt.");
