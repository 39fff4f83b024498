using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Webhooks;

namespace RevenueAngel.Tests.Telemetry;

/// OTLP export is set up by the standard OTEL_* variables alone (here as configuration keys, which is how the SDK reads
/// the environment), and is absent without them.
public sealed class OtlpExportTests(PostgresServer postgres)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithAnOtlpEndpointTracesAndMetricsReachTheCollectorNamedAfterTheService()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var settings = TestSettings.Production(await postgres.CreateDatabaseAsync("otlp"));
        settings["Messaging:PublicBaseUrl"] = "https://ra.example.com/";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_SERVICE_NAME"] = "revenueangel-otlp-test";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        await using var app = new RevenueAngelApp(settings, "Production");
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(collector.TracesContain("api/webhooks/whop") && collector.TracesContain("postgresql")
                                                && collector.MetricsContain("revenueangel.webhooks.received")))
            await Task.Delay(200, Ct);
        Assert.True(collector.TracesContain("revenueangel-otlp-test"), "no trace export named the service");
        Assert.True(collector.TracesContain("api/webhooks/whop"), "the webhook request was not traced");
        Assert.True(collector.TracesContain("postgresql"), "the database calls were not traced");
        Assert.True(collector.MetricsContain("revenueangel-otlp-test"), "no metrics export named the service");
        Assert.True(collector.MetricsContain("revenueangel.webhooks.received"), "our webhook counter was not exported");
        Assert.True(collector.MetricsContain("http.server.request.duration"), "ASP.NET Core's metrics were not exported");
        // Production logs are one JSON object per line.
        Assert.Equal("json", app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public async Task WithoutOtelSettingsNothingOfOpenTelemetryIsRegistered()
    {
        await using var app = new RevenueAngelApp(TestSettings.Production(await postgres.CreateDatabaseAsync("nootel")));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client)).StatusCode);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        // Outside Production the console keeps its default, readable format.
        Assert.NotEqual("json", app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient client)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var body = WhopEvents.Envelope("payment.created", "biz_otel", DateTimeOffset.UtcNow, new { id = $"pay_{Guid.NewGuid():N}"[..18], status = "open" });
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whop") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookAppFixture.SignWithSecret(id, ts, body, "ws_test_secret"));
        return await client.SendAsync(request, Ct);
    }
}
