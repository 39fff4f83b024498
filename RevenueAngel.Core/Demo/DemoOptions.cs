namespace RevenueAngel.Core.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// Null: on in Development when Whop is not configured. True: on anywhere. False: never.
    public bool? Enabled { get; set; }
    public string CompanyId { get; set; } = "biz_demo";
    public string CompanyName { get; set; } = "Demo Community";

    /// The demo's fake Whop signs its webhooks with this, and scripts/send-webhook.sh signs sample events with it.
    /// Used only when the demo serves its own fake Whop; never a real Whop secret.
    public string WebhookSecret { get; set; } = "ws_demo_local_only_0123456789abcdef";
}
