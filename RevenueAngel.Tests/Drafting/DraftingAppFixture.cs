using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Drafting;

/// The app with a model configured: the OpenAI SDK over our HTTP pipeline against the fake model on its own port.
public sealed class DraftingAppFixture(PostgresServer postgres) : WhopAppFixture(postgres)
{
    public const string ApiKey = "sk-test-4f1c9a7e2b";
    public const int RequestsPerMinute = 4;
    public const int TimeoutSeconds = 2;

    public FakeModelServer Model { get; private set; } = null!;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        Model = FakeModelServer.StartAsync().GetAwaiter().GetResult();
        settings["AI:BaseUrl"] = Model.BaseUrl;
        settings["AI:ApiKey"] = ApiKey;
        settings["AI:Model"] = "test/model-1";
        settings["AI:TimeoutSeconds"] = TimeoutSeconds.ToString();
        settings["AI:RequestsPerMinute"] = RequestsPerMinute.ToString();
        settings["AI:RetryDelayMilliseconds"] = "20";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}
