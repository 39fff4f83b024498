using System.Diagnostics;
using System.Diagnostics.Metrics;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Telemetry;

/// The app's own instruments, on the Meter "RevenueAngel" (plain System.Diagnostics.Metrics: whoever listens, OpenTelemetry
/// in the web app or a MeterListener in a test, picks them up by name; with no listener they cost next to nothing).
/// Names and tags are listed in the README's "Observability" section; tags are few and bounded (no company or user ids).
public sealed class RevenueAngelMetrics : IDisposable
{
    public const string MeterName = "RevenueAngel";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _webhooksReceived;
    private readonly Counter<long> _webhooksProcessed;
    private readonly Counter<long> _webhooksDead;
    private readonly Counter<long> _sends;
    private readonly Histogram<double> _whopDuration;
    private readonly Counter<long> _whopRateLimited;
    private readonly Counter<long> _aiCalls;
    private readonly Histogram<double> _aiDuration;

    /// This instance's meter: a test listens to it alone, though other hosts in the process have one of the same name.
    internal Meter Meter => _meter;

    public RevenueAngelMetrics(WebhookQueueLag lag)
    {
        _webhooksReceived = _meter.CreateCounter<long>("revenueangel.webhooks.received", "{delivery}",
            "Webhook deliveries answered, by outcome (stored, duplicate, rejected).");
        _webhooksProcessed = _meter.CreateCounter<long>("revenueangel.webhooks.processed", "{event}",
            "Stored webhook events applied, by resulting status (processed, ignored, failed, dead).");
        _webhooksDead = _meter.CreateCounter<long>("revenueangel.webhooks.dead", "{event}",
            "Webhook events that ran out of attempts and are kept for a replay.");
        _meter.CreateObservableGauge<double>("revenueangel.webhooks.queue.lag", () => lag.Seconds() is { } seconds ? [new Measurement<double>(seconds)] : [],
            "s", "Age of the oldest stored webhook event not yet applied (0 when none waits).");
        _sends = _meter.CreateCounter<long>("revenueangel.sends", "{send}",
            "Message deliveries tried, by channel (push, dm, email) and status (sent, failed, rate_limited).");
        _whopDuration = _meter.CreateHistogram<double>("revenueangel.whop.request.duration", "s",
            "Whop API calls (each attempt), by operation and HTTP status code.");
        _whopRateLimited = _meter.CreateCounter<long>("revenueangel.whop.rate_limited", "{response}", "Whop API answers of 429, by operation.");
        _aiCalls = _meter.CreateCounter<long>("revenueangel.ai.calls", "{call}",
            "Drafting model calls, by outcome (ok, budget, timeout, refused, rate_limited, failed).");
        _aiDuration = _meter.CreateHistogram<double>("revenueangel.ai.call.duration", "s", "Drafting model calls that reached the model.");
    }

    public void WebhookReceived(WebhookReceipt receipt) =>
        _webhooksReceived.Add(1, new KeyValuePair<string, object?>("outcome", receipt.ToString().ToLowerInvariant()));

    public void WebhookApplied(WebhookEventStatus status, int count = 1)
    {
        if (count <= 0) return;
        _webhooksProcessed.Add(count, new KeyValuePair<string, object?>("status", StatusTag(status)));
        if (status == WebhookEventStatus.Dead) _webhooksDead.Add(count);
    }

    public void SendTried(string channel, string status) =>
        _sends.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));

    public void WhopCalled(string operation, int? statusCode, TimeSpan elapsed)
    {
        var tags = new TagList { { "operation", operation }, { "http.response.status_code", statusCode } };
        _whopDuration.Record(elapsed.TotalSeconds, tags);
        if (statusCode == 429) _whopRateLimited.Add(1, new KeyValuePair<string, object?>("operation", operation));
    }

    public void AiCalled(string outcome, TimeSpan? elapsed)
    {
        _aiCalls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (elapsed is { } e) _aiDuration.Record(e.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public static TimeSpan Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);

    private static string StatusTag(WebhookEventStatus status) => status.ToString().ToLowerInvariant();

    public void Dispose() => _meter.Dispose();
}
