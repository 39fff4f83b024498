using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Demo.WhopFake;

/// The demo's own fake Whop, configured in the Demo section beside DemoOptions.
public sealed class DemoWhopOptions
{
    /// The secret the fake signs its webhooks with. Unset: a new random one per process, so a demo left reachable
    /// accepts no webhook forged with a published value; scripts/send-webhook.sh then goes through the fake's relay.
    public string? WebhookSecret { get; set; }

    /// How many of its latest requests the fake keeps for inspection.
    [Range(1, 1_000_000)]
    public int RequestLogLimit { get; set; } = FakeRequestLog.DefaultLimit;
}
