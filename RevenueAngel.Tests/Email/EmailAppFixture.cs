using RevenueAngel.Tests.Dispatch;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Email;

/// The whole app against the fake Whop and a real SMTP server in this process.
public sealed class EmailAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public const string PublicBaseUrl = "https://ra.example.test";

    public FakeSmtpServer Smtp { get; } = FakeSmtpServer.Start();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Whop:MaxRetries"] = "0";
        settings["Email:Host"] = "127.0.0.1";
        settings["Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:UseStartTls"] = "false";
        settings["Email:FromAddress"] = "hello@mail.revenueangel.test";
        settings["Email:FromName"] = "RevenueAngel";
        settings["Email:SigningKey"] = "test-signing-key-test-signing-key-0123456789";
        settings["Messaging:PublicBaseUrl"] = PublicBaseUrl;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}
