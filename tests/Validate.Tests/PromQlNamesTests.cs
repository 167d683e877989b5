using Build.Validation.PromQl;

namespace Validate.Tests;

[TestFixture]
public sealed class PromQlNamesTests
{
    [TestCase("up", new[] { "up" })]
    [TestCase("up{job=\"alloy\"} == 0", new[] { "up" })]
    [TestCase(
        "sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=\"caro-demo\"}[5m]))",
        new[] { "http_server_request_duration_seconds_bucket" }
    )]
    [TestCase(
        "sum(rate(a_total[5m])) by (route) / ignoring(code) group_left(x) sum(b_total) without (instance)",
        new[] { "a_total", "b_total" }
    )]
    [TestCase(
        "histogram_quantile(0.95, sum by (le) (rate(x_bucket[$__rate_interval])))",
        new[] { "x_bucket" }
    )]
    [TestCase(
        "absent_over_time(caro_uptime_seconds{job=\"caro-demo\"}[1m]) unless on () absent_over_time(up[1m])",
        new[] { "caro_uptime_seconds", "up" }
    )]
    [TestCase(
        "label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\") offset 5m and bool n",
        new[] { "m", "n" }
    )]
    [TestCase("rate({__name__=\"foo_total\", job=\"a\"}[5m])", new[] { "foo_total" })]
    [TestCase(
        "rate({__name__=~\"otelcol_exporter_send_failed_(spans|metric_points)_total\"}[5m])",
        new[]
        {
            "otelcol_exporter_send_failed_spans_total",
            "otelcol_exporter_send_failed_metric_points_total",
        }
    )]
    [TestCase(
        "sum by (span_name) (rate(traces_spanmetrics_calls_total{$$__tags}[5m]))",
        new[] { "traces_spanmetrics_calls_total" }
    )]
    [TestCase("max(x{route=~\"${route}\"}) @ end() > inf", new[] { "x" })]
    [TestCase(
        "topk(5, count_values(\"v\", build_info)) # comment metric_in_comment",
        new[] { "build_info" }
    )]
    [TestCase("1 + 2 * vector(3)", new string[0])]
    [TestCase("ns:metric:rate5m > 1e3", new[] { "ns:metric:rate5m" })]
    public void Extracts_metric_names(string expr, string[] expected) =>
        Assert.That(PromQlNames.Extract(expr).Select(r => r.Name), Is.EqualTo(expected));

    [Test]
    public void Unexpandable_name_regex_yields_nothing() =>
        Assert.That(PromQlNames.ExpandAlternation("foo_.*"), Is.Null);
}
