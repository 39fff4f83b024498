namespace RevenueAngel.Tests.Infrastructure;

/// Configuration the tests start the app or Core with, in the app's own configuration keys.
public static class TestSettings
{
    /// A non-demo process with Whop settings present (values are placeholders; nothing here calls Whop).
    public static Dictionary<string, string?> Production(string? postgres) => new()
    {
        ["ConnectionStrings:RevenueAngel"] = postgres,
        ["Demo:Enabled"] = "false",
        ["Whop:ApiKey"] = "test_api_key",
        ["Whop:AppId"] = "app_test",
        ["Whop:WebhookSecrets:0"] = "ws_test_secret",
    };

    /// The embedded demo, on the given database (marked as the demo's own, which demo mode requires on PostgreSQL).
    public static Dictionary<string, string?> Demo(string? postgres) => new()
    {
        ["ConnectionStrings:RevenueAngel"] = postgres,
        ["Demo:Enabled"] = "true",
        ["Demo:AllowDatabase"] = postgres is null ? null : DatabaseName(postgres),
    };

    public static string DatabaseName(string postgres) => new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database!;
}
