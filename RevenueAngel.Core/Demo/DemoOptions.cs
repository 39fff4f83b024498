namespace RevenueAngel.Core.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// Null: on in Development when Whop is not configured. True: on anywhere. False: never.
    public bool? Enabled { get; set; }
    public string CompanyId { get; set; } = "biz_demo";
    public string CompanyName { get; set; } = "Demo Community";
}
