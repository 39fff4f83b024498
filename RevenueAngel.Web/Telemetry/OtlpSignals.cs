namespace RevenueAngel.Web.Telemetry;

/// Which signals have somewhere to go: the shared OTLP endpoint enables both, a signal's own endpoint enables that one.
public sealed record OtlpSignals(bool Traces, bool Metrics)
{
    public static OtlpSignals From(IConfiguration configuration)
    {
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)) return new(false, false);
        var shared = IsSet(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT");
        return new(shared || IsSet(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), shared || IsSet(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
    }

    private static bool IsSet(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);
}
