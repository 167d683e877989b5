using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Build.Verify;

/// <summary>
/// What Verify sends to one tenant in one run: a log record, a metric sample and a span, all from service
/// <see cref="ServiceName"/> and carrying <see cref="Id"/> (run marker + tenant), so they are recognisable,
/// harmless, and found again by queries that match nothing else.
/// </summary>
public sealed record VerifyProbe(
    string Run,
    string Tenant,
    string TraceId,
    string SpanId,
    DateTimeOffset Time
)
{
    public const string ServiceName = "lgtm-verify";

    /// <summary>OTLP name of the probe metric: a gauge without unit, so Mimir stores it as <c>lgtm_verify_probe</c>.</summary>
    public const string MetricName = "lgtm.verify.probe";

    /// <summary>Attribute carrying <see cref="Id"/> (label <c>verify_probe</c> in Mimir, structured metadata in Loki).</summary>
    public const string ProbeAttribute = "verify.probe";

    public string Id => $"{Run}.{Tenant}";

    /// <summary>The span's name: one per tenant (bounded), so each tenant's span metrics are told apart.</summary>
    public string SpanName => $"{ServiceName} probe {Tenant}";

    public string LogLine => $"{ServiceName} probe {Id}";

    /// <summary>A run marker: time and randomness, valid in a label value and in a LogQL line filter.</summary>
    public static string NewRun(DateTimeOffset now) =>
        $"v{now:yyyyMMddHHmmss}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static VerifyProbe For(string run, string tenant, DateTimeOffset now) =>
        new(
            run,
            tenant,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            now
        );

    /// <summary>The OTLP/JSON request body of <paramref name="signal"/> (ids hex-encoded, times as strings).</summary>
    public string Body(Signal signal)
    {
        var nanos = BackendQueries.Nanos(Time);
        var attributes = new JsonArray(
            Attribute(ProbeAttribute, Id),
            Attribute("verify.tenant", Tenant)
        );
        var resource = new JsonObject
        {
            ["attributes"] = new JsonArray(Attribute("service.name", ServiceName)),
        };
        var scope = new JsonObject { ["name"] = ServiceName };
        JsonObject root = signal switch
        {
            Signal.Logs => Wrap(
                "resourceLogs",
                "scopeLogs",
                "logRecords",
                resource,
                scope,
                new JsonObject
                {
                    ["timeUnixNano"] = nanos,
                    ["observedTimeUnixNano"] = nanos,
                    ["severityNumber"] = 9,
                    ["severityText"] = "INFO",
                    ["body"] = new JsonObject { ["stringValue"] = LogLine },
                    ["attributes"] = attributes,
                    ["traceId"] = TraceId,
                    ["spanId"] = SpanId,
                }
            ),
            Signal.Metrics => Wrap(
                "resourceMetrics",
                "scopeMetrics",
                "metrics",
                resource,
                scope,
                new JsonObject
                {
                    ["name"] = MetricName,
                    ["description"] = "Verify's probe sample (value 1); harmless.",
                    ["unit"] = "",
                    ["gauge"] = new JsonObject
                    {
                        ["dataPoints"] = new JsonArray(
                            new JsonObject
                            {
                                ["timeUnixNano"] = nanos,
                                ["asDouble"] = 1.0,
                                ["attributes"] = attributes,
                            }
                        ),
                    },
                }
            ),
            _ => Wrap(
                "resourceSpans",
                "scopeSpans",
                "spans",
                resource,
                scope,
                new JsonObject
                {
                    ["traceId"] = TraceId,
                    ["spanId"] = SpanId,
                    ["name"] = SpanName,
                    ["kind"] = 2,
                    ["startTimeUnixNano"] = nanos,
                    ["endTimeUnixNano"] = BackendQueries.Nanos(Time.AddMilliseconds(5)),
                    ["attributes"] = attributes,
                    ["status"] = new JsonObject { ["code"] = 1 },
                }
            ),
        };
        return root.ToJsonString();
    }

    private static JsonObject Attribute(string key, string value) =>
        new()
        {
            ["key"] = key,
            ["value"] = new JsonObject { ["stringValue"] = value },
        };

    private static JsonObject Wrap(
        string resourceKey,
        string scopeKey,
        string itemsKey,
        JsonObject resource,
        JsonObject scope,
        JsonObject item
    ) =>
        new()
        {
            [resourceKey] = new JsonArray(
                new JsonObject
                {
                    ["resource"] = resource,
                    [scopeKey] = new JsonArray(
                        new JsonObject { ["scope"] = scope, [itemsKey] = new JsonArray(item) }
                    ),
                }
            ),
        };
}
