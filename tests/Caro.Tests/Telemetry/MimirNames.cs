using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;

namespace Caro.Tests.Telemetry;

/// <summary>
/// The series names Mimir stores for an OTLP metric with <c>otel_metric_suffixes_enabled</c>:
/// dots become underscores, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>; <c>{…}</c> units are
/// dropped), monotonic sums get <c>_total</c>, classic histograms give <c>_bucket</c>/<c>_sum</c>/<c>_count</c>.
/// </summary>
public static partial class MimirNames
{
    public static IReadOnlyList<string> For(string name, string? unit, MetricType type)
    {
        var series = Sanitize().Replace(name, "_");
        var cleanUnit = Annotation().Replace(unit ?? "", "").Trim();
        var suffix = cleanUnit switch
        {
            "" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => type is MetricType.DoubleGauge or MetricType.LongGauge ? "ratio" : "",
            _ => Sanitize().Replace(cleanUnit, "_"),
        };
        if (suffix.Length > 0 && !series.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            series += "_" + suffix;
        }
        return type switch
        {
            MetricType.LongSum or MetricType.DoubleSum => [series + "_total"],
            MetricType.Histogram => [series + "_bucket", series + "_sum", series + "_count"],
            _ => [series],
        };
    }

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex Sanitize();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();
}
