using Build.Stack;
using Build.Verify;

namespace Verify.Tests.Units;

/// <summary>Queries Verify builds and how it reads each backend's answers (pure).</summary>
public sealed class QueryAndAnswerTests
{
    [TestCase("lgtm.verify.probe", "", false, "lgtm_verify_probe")]
    [TestCase("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [TestCase("caro.reviews.recorded", "{review}", true, "caro_reviews_recorded_total")]
    [TestCase("process.cpu.utilization", "1", false, "process_cpu_utilization_ratio")]
    [TestCase("requests", "1", true, "requests_total")]
    public void Mimir_names_otlp_metrics_with_unit_and_total_suffixes(
        string name,
        string unit,
        bool sum,
        string expected
    ) => Assert.That(OtlpNames.Metric(name, unit, sum), Is.EqualTo(expected));

    [Test]
    public void The_queries_match_only_verifys_own_service_and_probe()
    {
        Assert.That(
            BackendQueries.LogQl("v1.t"),
            Is.EqualTo("{service_name=\"lgtm-verify\"} |= \"v1.t\"")
        );
        Assert.That(
            BackendQueries.PromQl("v1.t"),
            Is.EqualTo("lgtm_verify_probe{job=\"lgtm-verify\",verify_probe=\"v1.t\"}")
        );
        var url = BackendQueries.Prometheus(new Uri("http://h:9009"), "up");
        Assert.That(url.ToString(), Is.EqualTo("http://h:9009/prometheus/api/v1/query?query=up"));
        Assert.That(
            BackendQueries.Trace(new Uri("http://h:3200/base/"), "ab").ToString(),
            Is.EqualTo("http://h:3200/base/api/v2/traces/ab")
        );
    }

    [Test]
    public void A_probe_body_is_otlp_json_with_hex_ids_and_the_marker()
    {
        var probe = VerifyProbe.For(
            "v20260101000000abcd",
            "caro-backend-prod",
            DateTimeOffset.UnixEpoch.AddSeconds(1)
        );
        var spans = System.Text.Json.Nodes.JsonNode.Parse(probe.Body(Signal.Traces))![
            "resourceSpans"
        ]![0]!;
        var span = spans["scopeSpans"]![0]!["spans"]![0]!;

        Assert.That(span["traceId"]!.GetValue<string>(), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(span["spanId"]!.GetValue<string>(), Does.Match("^[0-9a-f]{16}$"));
        Assert.That(span["startTimeUnixNano"]!.GetValue<string>(), Is.EqualTo("1000000000"));
        Assert.That(spans["resource"]!.ToJsonString(), Does.Contain("lgtm-verify"));
        Assert.That(probe.Body(Signal.Logs), Does.Contain("v20260101000000abcd.caro-backend-prod"));
        Assert.That(probe.Body(Signal.Metrics), Does.Contain("\"gauge\""));
    }

    [Test]
    public void Loki_lines_prometheus_vectors_rules_and_traces_are_read()
    {
        Assert.That(
            BackendAnswers.LokiLines(
                """{"status":"success","data":{"result":[{"stream":{},"values":[["1","a"],["2","b",{"x":"y"}]]}]}}"""
            ),
            Is.EqualTo(new[] { "a", "b" })
        );
        var vector = BackendAnswers.Vector(
            """{"status":"success","data":{"result":[{"metric":{"job":"loki"},"value":[1,"1"]}]}}"""
        );
        Assert.That(vector.Single().Labels["job"], Is.EqualTo("loki"));
        Assert.That(vector.Single().Value, Is.EqualTo(1));
        var rules = BackendAnswers.Rules(
            """{"status":"success","data":{"groups":[{"name":"g","file":"f","rules":[{"name":"r","health":"err","lastError":"boom"}]}]}}"""
        );
        Assert.That(rules.Single().Rules.Single().LastError, Is.EqualTo("boom"));
        Assert.That(BackendAnswers.TraceHasSpans("""{"trace":{"resourceSpans":[{}]}}"""), Is.True);
        Assert.That(BackendAnswers.TraceHasSpans("""{"batches":[]}"""), Is.False);
    }

    [Test]
    public void An_error_answer_is_one_line_not_an_empty_result()
    {
        var error = Assert.Throws<FormatException>(() =>
            BackendAnswers.Vector(
                """{"status":"error","errorType":"bad_data","error":"parse error"}"""
            )
        );
        Assert.That(error!.Message, Is.EqualTo("bad_data: parse error"));
        Assert.Throws<FormatException>(() => BackendAnswers.LokiLines("<html>"));
    }

    [Test]
    public void Grafana_query_errors_are_found_in_results_and_status()
    {
        Assert.That(
            GrafanaChecks.QueryError(200, """{"results":{"A":{"status":200,"frames":[]}}}"""),
            Is.Null
        );
        Assert.That(
            GrafanaChecks.QueryError(400, """{"results":{"A":{"error":"bad_data"}}}"""),
            Is.EqualTo("bad_data")
        );
        Assert.That(
            GrafanaChecks.QueryError(500, """{"message":"internal"}"""),
            Is.EqualTo("internal")
        );
    }

    [Test]
    public void Dashboard_queries_resolve_datasource_variables_and_keep_grafanas_own()
    {
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(
            """
            {"templating":{"list":[{"name":"ds","current":{"value":"mimir-prod"}},{"name":"route","current":{"value":"$__all"}}]},
             "panels":[{"title":"row","panels":[{"title":"p","datasource":{"uid":"${ds}"},"targets":[{"refId":"A","expr":"rate(x{route=~\"$route\"}[$__rate_interval])"}]}]},
                       {"title":"text","datasource":{"uid":"-- Grafana --"},"targets":[{"refId":"A"}]}]}
            """
        );

        var queries = DashboardQueries.Of(dashboard).ToArray();

        Assert.That(queries, Has.Length.EqualTo(1));
        Assert.That(
            queries[0].Query["datasource"]!["uid"]!.GetValue<string>(),
            Is.EqualTo("mimir-prod")
        );
        Assert.That(
            queries[0].Query["expr"]!.GetValue<string>(),
            Is.EqualTo("rate(x{route=~\".*\"}[$__rate_interval])")
        );
    }

    [Test]
    public void A_hidden_datasource_variable_follows_the_tenant_variable_by_name()
    {
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(
            """
            {"templating":{"list":[
               {"name":"tenant","type":"datasource","query":"prometheus","regex":"/^caro-/"},
               {"name":"logs","type":"datasource","query":"loki","regex":"/^${tenant:text} logs$/"}]},
             "panels":[{"title":"p","datasource":{"uid":"${logs}"},"targets":[{"refId":"A","expr":"{a=\"$tenant\"}"}]}]}
            """
        );
        GrafanaDatasource[] datasources =
        [
            new("m-a", "caro-a", "prometheus", "caro-a"),
            new("m-b", "caro-b", "prometheus", "caro-b"),
            new("m-i", "infra", "prometheus", "infra"),
            new("l-a", "caro-a logs", "loki", "caro-a"),
            new("l-b", "caro-b logs", "loki", "caro-b"),
            new("t-a", "caro-a logs", "tempo", "caro-a"),
        ];

        var (bindings, problems) = DashboardVariables.Expand(dashboard, datasources);

        Assert.That(problems, Is.Empty);
        Assert.That(
            bindings.Select(b => b.ToString()),
            Is.EqualTo(
                new[]
                {
                    "tenant = caro-a, logs = caro-a logs",
                    "tenant = caro-b, logs = caro-b logs",
                }
            )
        );
        var query = DashboardQueries.Of(dashboard, bindings[1]).Single().Query;
        Assert.That(query["datasource"]!["uid"]!.GetValue<string>(), Is.EqualTo("l-b"));
        Assert.That(query["expr"]!.GetValue<string>(), Is.EqualTo("{a=\"m-b\"}"));

        var (none, missing) = DashboardVariables.Expand(dashboard, datasources[..3]);
        Assert.That(none, Is.Empty);
        Assert.That(
            missing,
            Has.Member(
                "datasource variable 'logs' (loki, regex '/^caro-b logs$/') matches no datasource when tenant = caro-b"
            )
        );
    }

    [Test]
    public void Otlp_json_is_sent_as_plain_application_json_without_a_charset() =>
        Assert.That(
            VerifyHttp.Json("{}").Headers.ContentType!.ToString(),
            Is.EqualTo("application/json")
        );
}
