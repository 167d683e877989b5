using System.Reflection;
using Caro.Shared.Settings;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Caro.Shared.Telemetry;

/// <summary>
/// OpenTelemetry wiring: traces, metrics and logs over OTLP/HTTP protobuf to
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with the <c>tenant_id</c> header on all three signals.
/// Export runs on background threads (batch processors, periodic reader): a dead collector drops
/// batches, never blocks or fails a request. <c>OTEL_SDK_DISABLED=true</c> leaves the SDK out entirely.
/// No HttpClient instrumentation: Caro makes no outgoing HTTP calls, so it would only have measured the
/// exporter's own traffic. Cost per part: bench/caro-load/README.md.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Extra hook for tests (e.g. in-memory exporters); null in production.</summary>
    public sealed record Hooks(
        Action<TracerProviderBuilder>? Tracing = null,
        Action<MeterProviderBuilder>? Metrics = null,
        Action<LoggerProviderBuilder>? Logging = null
    );

    public static void AddCaroTelemetry(
        this WebApplicationBuilder builder,
        CaroSettings settings,
        Hooks? hooks = null
    )
    {
        builder.Services.AddSingleton<CaroMetrics>();
        if (settings.TelemetryDisabled)
        {
            return;
        }
        // Ends the pipelines with a deadline once the host has stopped (see TelemetryShutdown).
        builder.Services.AddHostedService<TelemetryShutdown>();
        var headers = $"tenant_id={settings.TenantId}";
        var version =
            typeof(TelemetrySetup)
                .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion
            ?? "0.0.0";
        void Otlp(OtlpExporterOptions options, string signal)
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(
                settings.OtlpEndpoint,
                settings.OtlpEndpoint.AbsolutePath.TrimEnd('/') + "/v1/" + signal
            );
            options.Headers = headers;
        }

        builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
                resource
                    .AddService(
                        CaroSettings.ServiceName,
                        serviceVersion: version,
                        autoGenerateServiceInstanceId: true
                    )
                    .AddAttributes([new("deployment.environment", settings.Environment)])
            )
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new AlwaysOnSampler())
                    .AddSource(CaroTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context =>
                            !context.Request.Path.StartsWithSegments("/health")
                    )
                    .AddOtlpExporter(options => Otlp(options, "traces"));
                if (settings.UsesMySql)
                {
                    // One span per SQL command. Only for MySQL: the InMemory provider runs no commands,
                    // yet a subscribed EF diagnostic listener made each review cost ~50 % more CPU (bench/caro-load).
                    tracing.AddEntityFrameworkCoreInstrumentation();
                }
                hooks?.Tracing?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(
                        CaroTelemetry.MeterName,
                        CaroTelemetry.ObservatoryMeterName,
                        "System.Runtime",
                        // http.server.request.duration and http.server.active_requests: the only ASP.NET Core
                        // instruments stack/metrics.yaml lists. AddAspNetCoreInstrumentation() would add
                        // Kestrel's, routing's and diagnostics' meters too (more work per request, unlisted series).
                        "Microsoft.AspNetCore.Hosting"
                    )
                    .SetExemplarFilter(ExemplarFilterType.TraceBased)
                    .AddOtlpExporter(
                        (options, reader) =>
                        {
                            Otlp(options, "metrics");
                            reader.TemporalityPreference =
                                MetricReaderTemporalityPreference.Cumulative;
                            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                                settings.MetricExportIntervalMs;
                        }
                    );
                hooks?.Metrics?.Invoke(metrics);
            })
            .WithLogging(
                logging =>
                {
                    logging.AddOtlpExporter(options => Otlp(options, "logs"));
                    hooks?.Logging?.Invoke(logging);
                },
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                }
            );
    }
}
