using RevenueAngel.Demo.Email;
using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Demo.WhopFake;

namespace RevenueAngel.Demo;

/// What RevenueAngel.Web's DemoLoader calls, by name, when demo mode is on: Web never references this assembly.
public static class DemoModule
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.AddDemoSeeding();
        builder.AddDemoWhop();
        builder.Services.AddSingleton<FakeChatModel>();
        builder.AddDemoOutbox();
    }

    public static void Map(WebApplication app)
    {
        app.MapDemoWhop();
        app.MapFakeModel(FakeModelEndpoints.DemoPrefix);
    }
}
