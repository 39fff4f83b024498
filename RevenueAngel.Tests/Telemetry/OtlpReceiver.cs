using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RevenueAngel.Tests.Telemetry;

/// A stand-in OpenTelemetry collector on a loopback port: keeps the raw http/protobuf bodies posted to /v1/traces and
/// /v1/metrics (OTLP's strings are plain UTF-8 inside the protobuf, so a test can look for names in the bytes).
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, ConcurrentQueue<byte[]> traces, ConcurrentQueue<byte[]> metrics)
    {
        _app = app;
        Endpoint = app.Urls.First().TrimEnd('/');
        Traces = traces;
        Metrics = metrics;
    }

    public string Endpoint { get; }
    public ConcurrentQueue<byte[]> Traces { get; }
    public ConcurrentQueue<byte[]> Metrics { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ConcurrentQueue<byte[]> traces = new(), metrics = new();
        app.MapPost("/v1/traces", (HttpRequest request) => KeepAsync(request, traces));
        app.MapPost("/v1/metrics", (HttpRequest request) => KeepAsync(request, metrics));
        await app.StartAsync();
        // Bound now: the port 0 above has become the real one.
        return new OtlpReceiver(app, traces, metrics);
    }

    public bool TracesContain(string text) => Contains(Traces, text);

    public bool MetricsContain(string text) => Contains(Metrics, text);

    private static bool Contains(IEnumerable<byte[]> bodies, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return bodies.Any(body => body.AsSpan().IndexOf(needle) >= 0);
    }

    private static async Task<IResult> KeepAsync(HttpRequest request, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
