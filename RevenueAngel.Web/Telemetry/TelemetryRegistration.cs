using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz.Diagnostics;
using RevenueAngel.Core.Telemetry;

namespace RevenueAngel.Web.Telemetry;

/// OpenTelemetry traces and metrics over OTLP, configured only by the standard OTEL_* variables (read through
/// configuration, so `OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318` in the environment is all it takes). With no
/// OTLP endpoint set, or OTEL_SDK_DISABLED=true, nothing of OpenTelemetry is registered. JSON console logs in Production.
public static class TelemetryRegistration
{
    public const string DefaultServiceName = "revenueangel";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddStructuredLogs();
        var signals = OtlpSignals.From(builder.Configuration);
        if (!signals.Traces && !signals.Metrics) return builder;

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME, when set, names the service (the SDK reads it); ours is only the fallback.
            if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                resource.AddService(DefaultServiceName, serviceVersion: typeof(Program).Assembly.GetName().Version?.ToString());
        });
        if (signals.Traces)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsStaticAsset(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(QuartzInstrumentation.ActivitySourceName));
        }
        if (signals.Metrics)
        {
            otel.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(QuartzInstrumentation.MeterName, "Microsoft.AspNetCore.RateLimiting", RevenueAngelMetrics.MeterName));
        }
        // Endpoint, protocol, headers, timeouts and export intervals from OTEL_EXPORTER_OTLP_* (and per-signal variants).
        otel.UseOtlpExporter();
        return builder;
    }

    /// One JSON object per line for log collectors; Logging:Console:FormatterName, when set, still wins.
    private static void AddStructuredLogs(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction() || !string.IsNullOrWhiteSpace(builder.Configuration["Logging:Console:FormatterName"])) return;
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || Path.HasExtension(path.Value);
}
