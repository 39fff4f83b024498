using RevenueAngel.Demo.ModelFake;

namespace RevenueAngel.Tests.Infrastructure;

/// The demo app with an AI model configured: the OpenAI-compatible fake the demo serves itself at /demo-ai/v1.
public sealed class DemoWebWithModelFixture(PostgresServer postgres) : DemoWebFixture(postgres)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["AI:ApiKey"] = "test";
        settings["AI:BaseUrl"] = BaseUrl + FakeModelEndpoints.DemoPrefix;
        // Every width's screenshots draft again; the default 10 a minute would run out mid-class.
        settings["AI:RequestsPerMinute"] = "100";
    }
}
