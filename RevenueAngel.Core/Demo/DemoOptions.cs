namespace RevenueAngel.Core.Demo;

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// Null: on in Development when no Whop setting is present. True: on anywhere. False: never.
    public bool? Enabled { get; set; }
    public string CompanyId { get; set; } = "biz_demo";
    public string CompanyName { get; set; } = "Demo Community";

    /// The name of the one PostgreSQL database the demo may seed. The demo refuses any other PostgreSQL database, so a
    /// production connection string can never receive demo data by accident. Not needed on the embedded SQLite file.
    public string? AllowDatabase { get; set; }
}
