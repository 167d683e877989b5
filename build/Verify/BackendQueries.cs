using System.Globalization;
using System.Text;

namespace Build.Verify;

/// <summary>
/// How Mimir names what arrives over OTLP (<c>otel_metric_suffixes_enabled: true</c>, docs/contracts.md): every
/// character outside <c>[a-zA-Z0-9_:]</c> becomes <c>_</c>, the unit becomes a suffix, monotonic sums end in
/// <c>_total</c>; attributes become labels the same way.
/// </summary>
public static class OtlpNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["min"] = "minutes",
        ["h"] = "hours",
        ["d"] = "days",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["%"] = "percent",
    };

    public static string Metric(string name, string unit, bool monotonicSum)
    {
        var result = Label(name);
        var suffix = unit switch
        {
            "" => "",
            "1" => monotonicSum ? "" : "ratio",
            _ when unit.StartsWith('{') => "",
            _ => Units.GetValueOrDefault(unit, Label(unit)),
        };
        if (suffix.Length > 0 && !result.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            result += "_" + suffix;
        }
        return monotonicSum && !result.EndsWith("_total", StringComparison.Ordinal)
            ? result + "_total"
            : result;
    }

    public static string Label(string attribute)
    {
        var builder = new StringBuilder(attribute.Length);
        foreach (var c in attribute)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' ? c : '_');
        }
        return builder.ToString();
    }
}

/// <summary>The read queries Verify runs: each matches only what Verify itself wrote (service and probe id).</summary>
public static class BackendQueries
{
    /// <summary>Mimir's Prometheus API prefix (Mimir's default <c>api.prometheus_http_prefix</c>).</summary>
    public const string PrometheusPrefix = "/prometheus";

    /// <summary>The span metrics series Tempo's metrics generator writes for every service and span name.</summary>
    public const string SpanMetricsCalls = "traces_spanmetrics_calls_total";

    public static string ProbeMetric =>
        OtlpNames.Metric(VerifyProbe.MetricName, "", monotonicSum: false);

    public static string LogQl(string probeId) =>
        $"{{service_name=\"{VerifyProbe.ServiceName}\"}} |= \"{probeId}\"";

    /// <summary>Mimir sets <c>job</c> from <c>service.name</c>.</summary>
    public static string PromQl(string probeId) =>
        $"{ProbeMetric}{{job=\"{VerifyProbe.ServiceName}\",{OtlpNames.Label(VerifyProbe.ProbeAttribute)}=\"{probeId}\"}}";

    public static string SpanMetricsQuery(string spanName) =>
        $"{SpanMetricsCalls}{{service=\"{VerifyProbe.ServiceName}\",span_name=\"{spanName}\"}}";

    public static Uri Loki(Uri loki, string logQl, DateTimeOffset from, DateTimeOffset to) =>
        Combine(
            loki,
            "/loki/api/v1/query_range",
            $"query={Uri.EscapeDataString(logQl)}&start={Nanos(from)}&end={Nanos(to)}&limit=20&direction=backward"
        );

    public static Uri Prometheus(Uri mimir, string promQl) =>
        Combine(mimir, PrometheusPrefix + "/api/v1/query", $"query={Uri.EscapeDataString(promQl)}");

    public static Uri Rules(Uri mimir) => Combine(mimir, PrometheusPrefix + "/api/v1/rules", "");

    /// <summary>Mimir's Alertmanager configuration API (the one Up posts to).</summary>
    public static Uri AlertmanagerConfig(Uri mimir) => Combine(mimir, "/api/v1/alerts", "");

    public static Uri Trace(Uri tempo, string traceId) =>
        Combine(tempo, "/api/v2/traces/" + traceId, "");

    /// <summary>Appends <paramref name="path"/> to the base URL's own path (a base may carry a prefix).</summary>
    public static Uri Combine(Uri baseUrl, string path, string query)
    {
        var builder = new UriBuilder(baseUrl)
        {
            Path = baseUrl.AbsolutePath.TrimEnd('/') + path,
            Query = query,
        };
        return builder.Uri;
    }

    /// <summary>A time as OTLP and Loki write it: Unix nanoseconds (millisecond precision), as a string.</summary>
    public static string Nanos(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);
}
